using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceDesk.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class ApprovalEmailKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "EmailKeyExpiresAt",
                table: "TicketApprovals",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EmailKeyHash",
                table: "TicketApprovals",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "EmailKeyExpiresAt",
                table: "TicketApprovals");

            migrationBuilder.DropColumn(
                name: "EmailKeyHash",
                table: "TicketApprovals");
        }
    }
}
