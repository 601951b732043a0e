using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ServiceDesk.Migrations.PostgreSql.Migrations
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
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "WithdrawnAt",
                table: "Councils",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Approver",
                table: "CouncilMembership",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            // Approvers approved for every council they worked for; approval is now per council.
            migrationBuilder.Sql("""UPDATE "CouncilMembership" SET "Approver" = TRUE WHERE "PersonId" IN (SELECT "Id" FROM "People" WHERE ("Roles" & 2) = 2);""");

            migrationBuilder.CreateTable(
                name: "Partnership",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SharedIctDomain = table.Column<string>(type: "character varying(253)", maxLength: 253, nullable: true),
                    IsDemo = table.Column<bool>(type: "boolean", nullable: false),
                    SetupTokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    SetUpAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
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
