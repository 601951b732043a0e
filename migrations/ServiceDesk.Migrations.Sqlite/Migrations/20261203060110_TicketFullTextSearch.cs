using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceDesk.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class TicketFullTextSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Full-text search over tickets, replies and notes, and received mail: FTS5 tables whose content
            // stays in the rows themselves (external content), kept in step by triggers, so any writer
            // (the desk, a bulk load in plain SQL, the retention job's redaction) keeps search current.
            migrationBuilder.Sql("""CREATE VIRTUAL TABLE "TicketSearch" USING fts5("Title", "Description", "Resolution", content = 'Tickets', content_rowid = 'Id', tokenize = 'porter unicode61 remove_diacritics 2');""");
            migrationBuilder.Sql("""
                CREATE TRIGGER "Tickets_search_insert" AFTER INSERT ON "Tickets" BEGIN
                    INSERT INTO "TicketSearch"(rowid, "Title", "Description", "Resolution") VALUES (new."Id", new."Title", new."Description", new."Resolution");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Tickets_search_update" AFTER UPDATE OF "Title", "Description", "Resolution" ON "Tickets" BEGIN
                    INSERT INTO "TicketSearch"("TicketSearch", rowid, "Title", "Description", "Resolution") VALUES ('delete', old."Id", old."Title", old."Description", old."Resolution");
                    INSERT INTO "TicketSearch"(rowid, "Title", "Description", "Resolution") VALUES (new."Id", new."Title", new."Description", new."Resolution");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Tickets_search_delete" AFTER DELETE ON "Tickets" BEGIN
                    INSERT INTO "TicketSearch"("TicketSearch", rowid, "Title", "Description", "Resolution") VALUES ('delete', old."Id", old."Title", old."Description", old."Resolution");
                END;
                """);
            migrationBuilder.Sql("""INSERT INTO "TicketSearch"("TicketSearch") VALUES ('rebuild');""");
            migrationBuilder.Sql("""CREATE VIRTUAL TABLE "CommentSearch" USING fts5("Body", content = 'TicketComments', content_rowid = 'Id', tokenize = 'porter unicode61 remove_diacritics 2');""");
            migrationBuilder.Sql("""
                CREATE TRIGGER "TicketComments_search_insert" AFTER INSERT ON "TicketComments" BEGIN
                    INSERT INTO "CommentSearch"(rowid, "Body") VALUES (new."Id", new."Body");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "TicketComments_search_update" AFTER UPDATE OF "Body" ON "TicketComments" BEGIN
                    INSERT INTO "CommentSearch"("CommentSearch", rowid, "Body") VALUES ('delete', old."Id", old."Body");
                    INSERT INTO "CommentSearch"(rowid, "Body") VALUES (new."Id", new."Body");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "TicketComments_search_delete" AFTER DELETE ON "TicketComments" BEGIN
                    INSERT INTO "CommentSearch"("CommentSearch", rowid, "Body") VALUES ('delete', old."Id", old."Body");
                END;
                """);
            migrationBuilder.Sql("""INSERT INTO "CommentSearch"("CommentSearch") VALUES ('rebuild');""");
            migrationBuilder.Sql("""CREATE VIRTUAL TABLE "MailSearch" USING fts5("Subject", "Text", content = 'InboundMessages', content_rowid = 'Id', tokenize = 'porter unicode61 remove_diacritics 2');""");
            migrationBuilder.Sql("""
                CREATE TRIGGER "InboundMessages_search_insert" AFTER INSERT ON "InboundMessages" BEGIN
                    INSERT INTO "MailSearch"(rowid, "Subject", "Text") VALUES (new."Id", new."Subject", new."Text");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "InboundMessages_search_update" AFTER UPDATE OF "Subject", "Text" ON "InboundMessages" BEGIN
                    INSERT INTO "MailSearch"("MailSearch", rowid, "Subject", "Text") VALUES ('delete', old."Id", old."Subject", old."Text");
                    INSERT INTO "MailSearch"(rowid, "Subject", "Text") VALUES (new."Id", new."Subject", new."Text");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "InboundMessages_search_delete" AFTER DELETE ON "InboundMessages" BEGIN
                    INSERT INTO "MailSearch"("MailSearch", rowid, "Subject", "Text") VALUES ('delete', old."Id", old."Subject", old."Text");
                END;
                """);
            migrationBuilder.Sql("""INSERT INTO "MailSearch"("MailSearch") VALUES ('rebuild');""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Tickets_search_insert";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Tickets_search_update";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Tickets_search_delete";""");
            migrationBuilder.Sql("""DROP TABLE IF EXISTS "TicketSearch";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "TicketComments_search_insert";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "TicketComments_search_update";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "TicketComments_search_delete";""");
            migrationBuilder.Sql("""DROP TABLE IF EXISTS "CommentSearch";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "InboundMessages_search_insert";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "InboundMessages_search_update";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "InboundMessages_search_delete";""");
            migrationBuilder.Sql("""DROP TABLE IF EXISTS "MailSearch";""");
        }
    }
}
