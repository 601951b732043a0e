using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceDesk.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PartnershipSetupAndPeople : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "DeactivatedAt",
                table: "People",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "WithdrawnAt",
                table: "Councils",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Approver",
                table: "CouncilMembership",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            // Approvers approved for every council they worked for; approval is now per council.
            migrationBuilder.Sql("""UPDATE "CouncilMembership" SET "Approver" = 1 WHERE "PersonId" IN (SELECT "Id" FROM "People" WHERE ("Roles" & 2) = 2);""");

            migrationBuilder.CreateTable(
                name: "Partnership",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SharedIctDomain = table.Column<string>(type: "TEXT", maxLength: 253, nullable: true),
                    IsDemo = table.Column<bool>(type: "INTEGER", nullable: false),
                    SetupTokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    SetUpAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Partnership", x => x.Id);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Partnership");

            migrationBuilder.DropColumn(
                name: "DeactivatedAt",
                table: "People");

            migrationBuilder.DropColumn(
                name: "WithdrawnAt",
                table: "Councils");

            migrationBuilder.DropColumn(
                name: "Approver",
                table: "CouncilMembership");
        }
    }
}
