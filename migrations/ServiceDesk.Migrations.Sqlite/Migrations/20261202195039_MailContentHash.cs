using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceDesk.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class MailContentHash : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_InboundMessages_MessageId",
                table: "InboundMessages");

            migrationBuilder.AddColumn<string>(
                name: "ContentHash",
                table: "InboundMessages",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_InboundMessages_MessageId_ContentHash",
                table: "InboundMessages",
                columns: new[] { "MessageId", "ContentHash" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_InboundMessages_MessageId_ContentHash",
                table: "InboundMessages");

            migrationBuilder.DropColumn(
                name: "ContentHash",
                table: "InboundMessages");

            migrationBuilder.CreateIndex(
                name: "IX_InboundMessages_MessageId",
                table: "InboundMessages",
                column: "MessageId",
                unique: true);
        }
    }
}
