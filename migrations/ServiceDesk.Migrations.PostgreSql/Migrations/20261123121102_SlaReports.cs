using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ServiceDesk.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class SlaReports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<byte[]>(
                name: "AttachmentContent",
                table: "Outbox",
                type: "bytea",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AttachmentContentType",
                table: "Outbox",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AttachmentName",
                table: "Outbox",
                type: "character varying(255)",
                maxLength: 255,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "HtmlBody",
                table: "Outbox",
                type: "character varying(500000)",
                maxLength: 500000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "MonthlyReports",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CouncilId = table.Column<int>(type: "integer", nullable: true),
                    ScopeKey = table.Column<int>(type: "integer", nullable: false),
                    Month = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    FiguresJson = table.Column<string>(type: "character varying(1000000)", maxLength: 1000000, nullable: false),
                    GeneratedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    MailedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ResentAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MonthlyReports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MonthlyReports_Councils_CouncilId",
                        column: x => x.CouncilId,
                        principalTable: "Councils",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MonthlyReports_CouncilId",
                table: "MonthlyReports",
                column: "CouncilId");

            migrationBuilder.CreateIndex(
                name: "IX_MonthlyReports_ScopeKey_Month",
                table: "MonthlyReports",
                columns: new[] { "ScopeKey", "Month" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MonthlyReports");

            migrationBuilder.DropColumn(
                name: "AttachmentContent",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "AttachmentContentType",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "AttachmentName",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "HtmlBody",
                table: "Outbox");
        }
    }
}
