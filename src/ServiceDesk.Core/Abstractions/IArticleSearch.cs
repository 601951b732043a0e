namespace ServiceDesk.Core.Abstractions;

/// <summary>One article matched by a full-text search, with its relevance (higher is better).</summary>
public sealed class ArticleHit
{
    public long ArticleId { get; set; }
    public double Score { get; set; }
}

/// <summary>
/// The database's own full-text index over articles' titles, keywords and bodies (SQLite FTS5 on the
/// embedded default, PostgreSQL tsvector with a GIN index when scaled), implemented per provider.
/// </summary>
public interface IArticleSearch
{
    /// <summary>
    /// Articles matching any of the words (each also as a prefix), best first by the provider's ranking;
    /// composable, so the caller joins it with what the viewer may see before paging.
    /// </summary>
    IQueryable<ArticleHit> Match(IReadOnlyList<string> words);

    /// <summary>The index's distinct terms (stemmed as the index stores them), for correcting typing mistakes.</summary>
    Task<IReadOnlyList<string>> TermsAsync(CancellationToken ct);
}

/// <summary>Turns an article's Markdown into HTML that is safe to show (sanitised: no script, no event handlers).</summary>
public interface IArticleRenderer
{
    string ToHtml(string markdown);

    /// <summary>The article's words without markup, for excerpts and plain-text mail.</summary>
    string ToText(string markdown);
}
