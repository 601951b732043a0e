using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceDesk.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ReportPdfAttachment : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<byte[]>(
                name: "SecondAttachmentContent",
                table: "Outbox",
                type: "BLOB",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SecondAttachmentContentType",
                table: "Outbox",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SecondAttachmentName",
                table: "Outbox",
                type: "TEXT",
                maxLength: 255,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SecondAttachmentContent",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "SecondAttachmentContentType",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "SecondAttachmentName",
                table: "Outbox");
        }
    }
}
