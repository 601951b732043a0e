using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceDesk.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class QueueKeysetIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Tickets_AssigneeId_Status",
                table: "Tickets");

            migrationBuilder.DropIndex(
                name: "IX_Tickets_CouncilId_Status",
                table: "Tickets");

            migrationBuilder.DropIndex(
                name: "IX_Tickets_OwnerId_Status",
                table: "Tickets");

            migrationBuilder.DropIndex(
                name: "IX_Tickets_ResolverGroupId_Status",
                table: "Tickets");

            migrationBuilder.DropIndex(
                name: "IX_Tickets_SlaDueAt",
                table: "Tickets");

            migrationBuilder.DropIndex(
                name: "IX_Tickets_SlaState_Status",
                table: "Tickets");

            migrationBuilder.DropIndex(
                name: "IX_Tickets_Status_CreatedAt",
                table: "Tickets");

            migrationBuilder.AddColumn<bool>(
                name: "IsOpen",
                table: "Tickets",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            // Tickets already there take their open flag from their status.
            migrationBuilder.Sql("UPDATE \"Tickets\" SET \"IsOpen\" = \"Status\" NOT IN ('Resolved', 'Closed');");

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_AssigneeId_IsOpen_SlaDueAt_Priority_Id",
                table: "Tickets",
                columns: new[] { "AssigneeId", "IsOpen", "SlaDueAt", "Priority", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_AwaitingApproval",
                table: "Tickets",
                columns: new[] { "ClocksStartAt", "IsOpen", "SlaDueAt", "Priority", "Id" },
                filter: "\"ClocksStartAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_CouncilId_IsOpen_SlaDueAt_Priority_Id",
                table: "Tickets",
                columns: new[] { "CouncilId", "IsOpen", "SlaDueAt", "Priority", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_IsOpen_CreatedAt_Id",
                table: "Tickets",
                columns: new[] { "IsOpen", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_IsOpen_Priority_CreatedAt_Id",
                table: "Tickets",
                columns: new[] { "IsOpen", "Priority", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_IsOpen_SlaDueAt_Priority_Id",
                table: "Tickets",
                columns: new[] { "IsOpen", "SlaDueAt", "Priority", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_IsOpen_SlaState_SlaDueAt_Priority_Id",
                table: "Tickets",
                columns: new[] { "IsOpen", "SlaState", "SlaDueAt", "Priority", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_IsOpen_UpdatedAt_Id",
                table: "Tickets",
                columns: new[] { "IsOpen", "UpdatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_RequesterId_IsOpen_UpdatedAt_Id",
                table: "Tickets",
                columns: new[] { "RequesterId", "IsOpen", "UpdatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_OwnerId_IsOpen_SlaDueAt_Priority_Id",
                table: "Tickets",
                columns: new[] { "OwnerId", "IsOpen", "SlaDueAt", "Priority", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_ResolverGroupId_IsOpen_SlaDueAt_Priority_Id",
                table: "Tickets",
                columns: new[] { "ResolverGroupId", "IsOpen", "SlaDueAt", "Priority", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Tickets_AssigneeId_IsOpen_SlaDueAt_Priority_Id",
                table: "Tickets");

            migrationBuilder.DropIndex(
                name: "IX_Tickets_AwaitingApproval",
                table: "Tickets");

            migrationBuilder.DropIndex(
                name: "IX_Tickets_CouncilId_IsOpen_SlaDueAt_Priority_Id",
                table: "Tickets");

            migrationBuilder.DropIndex(
                name: "IX_Tickets_IsOpen_CreatedAt_Id",
                table: "Tickets");

            migrationBuilder.DropIndex(
                name: "IX_Tickets_IsOpen_Priority_CreatedAt_Id",
                table: "Tickets");

            migrationBuilder.DropIndex(
                name: "IX_Tickets_IsOpen_SlaDueAt_Priority_Id",
                table: "Tickets");

            migrationBuilder.DropIndex(
                name: "IX_Tickets_IsOpen_SlaState_SlaDueAt_Priority_Id",
                table: "Tickets");

            migrationBuilder.DropIndex(
                name: "IX_Tickets_IsOpen_UpdatedAt_Id",
                table: "Tickets");

            migrationBuilder.DropIndex(
                name: "IX_Tickets_RequesterId_IsOpen_UpdatedAt_Id",
                table: "Tickets");

            migrationBuilder.DropIndex(
                name: "IX_Tickets_OwnerId_IsOpen_SlaDueAt_Priority_Id",
                table: "Tickets");

            migrationBuilder.DropIndex(
                name: "IX_Tickets_ResolverGroupId_IsOpen_SlaDueAt_Priority_Id",
                table: "Tickets");

            migrationBuilder.DropColumn(
                name: "IsOpen",
                table: "Tickets");

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_AssigneeId_Status",
                table: "Tickets",
                columns: new[] { "AssigneeId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_CouncilId_Status",
                table: "Tickets",
                columns: new[] { "CouncilId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_OwnerId_Status",
                table: "Tickets",
                columns: new[] { "OwnerId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_ResolverGroupId_Status",
                table: "Tickets",
                columns: new[] { "ResolverGroupId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_SlaDueAt",
                table: "Tickets",
                column: "SlaDueAt");

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_SlaState_Status",
                table: "Tickets",
                columns: new[] { "SlaState", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_Status_CreatedAt",
                table: "Tickets",
                columns: new[] { "Status", "CreatedAt" });
        }
    }
}
