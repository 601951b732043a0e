using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ServiceDesk.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class CouncilSignInAndProvisioning : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_CouncilMembership_CouncilId",
                table: "CouncilMembership");

            migrationBuilder.AddColumn<string>(
                name: "ExternalId",
                table: "CouncilMembership",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ProvisioningTokens",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CouncilId = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    TokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RevokedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProvisioningTokens", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProvisioningTokens_Councils_CouncilId",
                        column: x => x.CouncilId,
                        principalTable: "Councils",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SignInProviders",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CouncilId = table.Column<int>(type: "integer", nullable: true),
                    Authority = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    ClientId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ProtectedClientSecret = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    EmailClaim = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    PasswordSignIn = table.Column<bool>(type: "boolean", nullable: false),
                    Stamp = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SignInProviders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SignInProviders_Councils_CouncilId",
                        column: x => x.CouncilId,
                        principalTable: "Councils",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CouncilMembership_CouncilId_ExternalId",
                table: "CouncilMembership",
                columns: new[] { "CouncilId", "ExternalId" });

            migrationBuilder.CreateIndex(
                name: "IX_ProvisioningTokens_CouncilId",
                table: "ProvisioningTokens",
                column: "CouncilId");

            migrationBuilder.CreateIndex(
                name: "IX_ProvisioningTokens_TokenHash",
                table: "ProvisioningTokens",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SignInProviders_CouncilId",
                table: "SignInProviders",
                column: "CouncilId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ProvisioningTokens");

            migrationBuilder.DropTable(
                name: "SignInProviders");

            migrationBuilder.DropIndex(
                name: "IX_CouncilMembership_CouncilId_ExternalId",
                table: "CouncilMembership");

            migrationBuilder.DropColumn(
                name: "ExternalId",
                table: "CouncilMembership");

            migrationBuilder.CreateIndex(
                name: "IX_CouncilMembership_CouncilId",
                table: "CouncilMembership",
                column: "CouncilId");
        }
    }
}
