using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceDesk.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class TicketFullTextSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Full-text search over tickets, replies and notes, and received mail: stored generated tsvector
            // columns (any writer keeps them current) with GIN indexes.
            migrationBuilder.Sql("""
                ALTER TABLE "Tickets" ADD "SearchVector" tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('english', coalesce("Title", '')), 'A') ||
                    setweight(to_tsvector('english', coalesce("Description", '')), 'C') ||
                    setweight(to_tsvector('english', coalesce("Resolution", '')), 'B')) STORED;
                """);
            migrationBuilder.Sql("""CREATE INDEX "IX_Tickets_SearchVector" ON "Tickets" USING GIN ("SearchVector");""");
            migrationBuilder.Sql("""
                ALTER TABLE "TicketComments" ADD "SearchVector" tsvector GENERATED ALWAYS AS (
                    to_tsvector('english', coalesce("Body", ''))) STORED;
                """);
            migrationBuilder.Sql("""CREATE INDEX "IX_TicketComments_SearchVector" ON "TicketComments" USING GIN ("SearchVector");""");
            migrationBuilder.Sql("""
                ALTER TABLE "InboundMessages" ADD "SearchVector" tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('english', coalesce("Subject", '')), 'A') ||
                    setweight(to_tsvector('english', coalesce("Text", '')), 'C')) STORED;
                """);
            migrationBuilder.Sql("""CREATE INDEX "IX_InboundMessages_SearchVector" ON "InboundMessages" USING GIN ("SearchVector");""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Tickets_SearchVector";""");
            migrationBuilder.Sql("""ALTER TABLE "Tickets" DROP COLUMN IF EXISTS "SearchVector";""");
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_TicketComments_SearchVector";""");
            migrationBuilder.Sql("""ALTER TABLE "TicketComments" DROP COLUMN IF EXISTS "SearchVector";""");
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_InboundMessages_SearchVector";""");
            migrationBuilder.Sql("""ALTER TABLE "InboundMessages" DROP COLUMN IF EXISTS "SearchVector";""");
        }
    }
}
