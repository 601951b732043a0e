using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceDesk.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ServiceMeasures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "AwaitedCustomer",
                table: "Tickets",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "FirstContactMarked",
                table: "Tickets",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTime>(
                name: "OutageEndedAt",
                table: "Tickets",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "OutageStartedAt",
                table: "Tickets",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Reassigned",
                table: "Tickets",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "ResolvedOnFirstContact",
                table: "Tickets",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "StaffReplies",
                table: "Tickets",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "RetentionYears",
                table: "Councils",
                type: "INTEGER",
                nullable: false,
                defaultValue: 6);

            migrationBuilder.CreateTable(
                name: "ActiveUserCounts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CouncilId = table.Column<int>(type: "INTEGER", nullable: false),
                    From = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false),
                    Previous = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActiveUserCounts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ActiveUserCounts_Councils_CouncilId",
                        column: x => x.CouncilId,
                        principalTable: "Councils",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ActiveUserCounts_CouncilId_From",
                table: "ActiveUserCounts",
                columns: new[] { "CouncilId", "From" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ActiveUserCounts");

            migrationBuilder.DropColumn(
                name: "AwaitedCustomer",
                table: "Tickets");

            migrationBuilder.DropColumn(
                name: "FirstContactMarked",
                table: "Tickets");

            migrationBuilder.DropColumn(
                name: "OutageEndedAt",
                table: "Tickets");

            migrationBuilder.DropColumn(
                name: "OutageStartedAt",
                table: "Tickets");

            migrationBuilder.DropColumn(
                name: "Reassigned",
                table: "Tickets");

            migrationBuilder.DropColumn(
                name: "ResolvedOnFirstContact",
                table: "Tickets");

            migrationBuilder.DropColumn(
                name: "StaffReplies",
                table: "Tickets");

            migrationBuilder.DropColumn(
                name: "RetentionYears",
                table: "Councils");
        }
    }
}
