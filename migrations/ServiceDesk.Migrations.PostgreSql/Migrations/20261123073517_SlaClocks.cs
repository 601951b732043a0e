using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ServiceDesk.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class SlaClocks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "AcceptedAt",
                table: "Tickets",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ClocksStartAt",
                table: "Tickets",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "GroupAssignedAt",
                table: "Tickets",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "GroupWorkedAt",
                table: "Tickets",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "NextClockEventAt",
                table: "Tickets",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "SlaDueAt",
                table: "Tickets",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SlaState",
                table: "Tickets",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "OlaTargets",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ResolverGroupId = table.Column<int>(type: "integer", nullable: false),
                    Priority = table.Column<int>(type: "integer", nullable: false),
                    ResponseAmount = table.Column<int>(type: "integer", nullable: false),
                    ResponseUnit = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    ResolutionAmount = table.Column<int>(type: "integer", nullable: false),
                    ResolutionUnit = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OlaTargets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OlaTargets_ResolverGroups_ResolverGroupId",
                        column: x => x.ResolverGroupId,
                        principalTable: "ResolverGroups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Outbox",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    TicketId = table.Column<long>(type: "bigint", nullable: true),
                    RecipientPersonId = table.Column<int>(type: "integer", nullable: true),
                    RecipientEmail = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    Subject = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Body = table.Column<string>(type: "character varying(100000)", maxLength: 100000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SentAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    LastError = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Outbox", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SlaClocks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TicketId = table.Column<long>(type: "bigint", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ResolverGroupId = table.Column<int>(type: "integer", nullable: true),
                    TargetMinutes = table.Column<int>(type: "integer", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    PausedMinutes = table.Column<int>(type: "integer", nullable: false),
                    PausedSince = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    StoppedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    WarnAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DueAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    WarnedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    MetAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    BreachedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Ended = table.Column<bool>(type: "boolean", nullable: false),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SlaClocks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SlaClocks_ResolverGroups_ResolverGroupId",
                        column: x => x.ResolverGroupId,
                        principalTable: "ResolverGroups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SlaClocks_Tickets_TicketId",
                        column: x => x.TicketId,
                        principalTable: "Tickets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SlaTargets",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Tier = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Priority = table.Column<int>(type: "integer", nullable: false),
                    ResponseAmount = table.Column<int>(type: "integer", nullable: false),
                    ResponseUnit = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    ResolutionAmount = table.Column<int>(type: "integer", nullable: false),
                    ResolutionUnit = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SlaTargets", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_NextClockEventAt",
                table: "Tickets",
                column: "NextClockEventAt");

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_SlaDueAt",
                table: "Tickets",
                column: "SlaDueAt");

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_SlaState_Status",
                table: "Tickets",
                columns: new[] { "SlaState", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_OlaTargets_ResolverGroupId_Priority",
                table: "OlaTargets",
                columns: new[] { "ResolverGroupId", "Priority" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Outbox_SentAt_CreatedAt",
                table: "Outbox",
                columns: new[] { "SentAt", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Outbox_TicketId",
                table: "Outbox",
                column: "TicketId");

            migrationBuilder.CreateIndex(
                name: "IX_SlaClocks_ResolverGroupId_Kind",
                table: "SlaClocks",
                columns: new[] { "ResolverGroupId", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_SlaClocks_TicketId",
                table: "SlaClocks",
                column: "TicketId");

            migrationBuilder.CreateIndex(
                name: "IX_SlaTargets_Tier_Priority",
                table: "SlaTargets",
                columns: new[] { "Tier", "Priority" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OlaTargets");

            migrationBuilder.DropTable(
                name: "Outbox");

            migrationBuilder.DropTable(
                name: "SlaClocks");

            migrationBuilder.DropTable(
                name: "SlaTargets");

            migrationBuilder.DropIndex(
                name: "IX_Tickets_NextClockEventAt",
                table: "Tickets");

            migrationBuilder.DropIndex(
                name: "IX_Tickets_SlaDueAt",
                table: "Tickets");

            migrationBuilder.DropIndex(
                name: "IX_Tickets_SlaState_Status",
                table: "Tickets");

            migrationBuilder.DropColumn(
                name: "AcceptedAt",
                table: "Tickets");

            migrationBuilder.DropColumn(
                name: "ClocksStartAt",
                table: "Tickets");

            migrationBuilder.DropColumn(
                name: "GroupAssignedAt",
                table: "Tickets");

            migrationBuilder.DropColumn(
                name: "GroupWorkedAt",
                table: "Tickets");

            migrationBuilder.DropColumn(
                name: "NextClockEventAt",
                table: "Tickets");

            migrationBuilder.DropColumn(
                name: "SlaDueAt",
                table: "Tickets");

            migrationBuilder.DropColumn(
                name: "SlaState",
                table: "Tickets");
        }
    }
}
