using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceDesk.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class QueueIndexesByStatusAndUnowned : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Tickets_IsOpen_Status_SlaDueAt_Priority_Id",
                table: "Tickets",
                columns: new[] { "IsOpen", "Status", "SlaDueAt", "Priority", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_Unowned",
                table: "Tickets",
                columns: new[] { "IsOpen", "SlaDueAt", "Priority", "Id", "ClocksStartAt" },
                filter: "\"OwnerId\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Tickets_IsOpen_Status_SlaDueAt_Priority_Id",
                table: "Tickets");

            migrationBuilder.DropIndex(
                name: "IX_Tickets_Unowned",
                table: "Tickets");
        }
    }
}
