using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceDesk.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class FullTextSecureDelete : Migration
    {
        private static readonly string[] Indexes = ["TicketSearch", "CommentSearch", "MailSearch", "ArticleSearch"];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // FTS5 keeps a deleted or changed row's words in its index until its segments are next merged, so a
            // person's erased name or phone number could stay readable in the index's data blocks. 'secure-delete'
            // (SQLite 3.44 and later, kept in each index's own config table) removes them at once; 'optimize'
            // merges each index once, taking out what earlier deletes left behind.
            foreach (var index in Indexes)
            {
                migrationBuilder.Sql($"""INSERT INTO "{index}"("{index}", rank) VALUES ('secure-delete', 1);""");
                migrationBuilder.Sql($"""INSERT INTO "{index}"("{index}") VALUES ('optimize');""");
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var index in Indexes)
                migrationBuilder.Sql($"""INSERT INTO "{index}"("{index}", rank) VALUES ('secure-delete', 0);""");
        }
    }
}
