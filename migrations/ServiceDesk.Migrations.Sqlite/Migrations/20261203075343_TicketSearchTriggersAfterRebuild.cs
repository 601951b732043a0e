using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceDesk.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class TicketSearchTriggersAfterRebuild : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // SQLite has no ALTER TABLE for foreign keys: a migration that adds one to Tickets (as the links and
            // major incidents did) copies the table into a new one, and the copy has none of the old table's
            // triggers. The ticket search triggers are therefore made again here, and the index rebuilt from the rows.
            migrationBuilder.Sql("""
                CREATE TRIGGER IF NOT EXISTS "Tickets_search_insert" AFTER INSERT ON "Tickets" BEGIN
                    INSERT INTO "TicketSearch"(rowid, "Title", "Description", "Resolution") VALUES (new."Id", new."Title", new."Description", new."Resolution");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER IF NOT EXISTS "Tickets_search_update" AFTER UPDATE OF "Title", "Description", "Resolution" ON "Tickets" BEGIN
                    INSERT INTO "TicketSearch"("TicketSearch", rowid, "Title", "Description", "Resolution") VALUES ('delete', old."Id", old."Title", old."Description", old."Resolution");
                    INSERT INTO "TicketSearch"(rowid, "Title", "Description", "Resolution") VALUES (new."Id", new."Title", new."Description", new."Resolution");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER IF NOT EXISTS "Tickets_search_delete" AFTER DELETE ON "Tickets" BEGIN
                    INSERT INTO "TicketSearch"("TicketSearch", rowid, "Title", "Description", "Resolution") VALUES ('delete', old."Id", old."Title", old."Description", old."Resolution");
                END;
                """);
            migrationBuilder.Sql("""INSERT INTO "TicketSearch"("TicketSearch") VALUES ('rebuild');""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The triggers belong to the full-text search migration, which drops them.

        }
    }
}
