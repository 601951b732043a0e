using Microsoft.EntityFrameworkCore;
using ServiceDesk.Core.Abstractions;
using ServiceDesk.Infrastructure.Persistence;

namespace ServiceDesk.Infrastructure.Knowledge;

/// <summary>
/// Full-text search over articles in the database's own index. SQLite: an FTS5 table
/// (<c>ArticleSearch</c>, Porter-stemmed, kept in step with <c>Articles</c> by triggers) ranked by
/// BM25 with the title weighing most, then keywords, then the body. PostgreSQL: a stored generated
/// tsvector column (<c>Articles.SearchVector</c>, weighted the same way) with a GIN index, ranked by
/// ts_rank. Both are made by the providers' migrations. Words reach the query as parameters, each
/// letters and digits only, so nothing typed is search syntax.
/// </summary>
public sealed class ArticleSearch(ServiceDeskDbContext db) : IArticleSearch
{
    public IQueryable<ArticleHit> Match(IReadOnlyList<string> words)
    {
        var safe = words.Select(w => new string(w.Where(char.IsLetterOrDigit).ToArray())).Where(w => w.Length > 0).Distinct().ToList();
        if (safe.Count == 0) safe.Add("\u0001none");
        if (db.Database.IsNpgsql())
        {
            var query = string.Join(" | ", safe.Select(w => w + ":*"));
            return db.Database.SqlQuery<ArticleHit>($"""
                SELECT a."Id" AS "ArticleId", ts_rank(a."SearchVector", to_tsquery('english', {query}))::float8 AS "Score"
                FROM "Articles" a WHERE a."SearchVector" @@ to_tsquery('english', {query})
                """);
        }
        var match = string.Join(" OR ", safe.Select(w => $"\"{w}\"*"));
        return db.Database.SqlQuery<ArticleHit>($"""
            SELECT rowid AS "ArticleId", -bm25("ArticleSearch", 10.0, 5.0, 1.0) AS "Score"
            FROM "ArticleSearch" WHERE "ArticleSearch" MATCH {match}
            """);
    }

    public async Task<IReadOnlyList<string>> TermsAsync(CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
            return await db.Database.SqlQueryRaw<string>("""SELECT word AS "Value" FROM ts_stat('SELECT "SearchVector" FROM "Articles"')""").ToListAsync(ct);
        return await db.Database.SqlQueryRaw<string>("""SELECT term AS "Value" FROM "ArticleSearchTerms" """).ToListAsync(ct);
    }
}
