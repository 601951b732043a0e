namespace ServiceDesk.Core.Abstractions;

/// <summary>What a full-text search over the desk's conversation looks in.</summary>
public enum SearchSource
{
    /// <summary>A ticket's title, description and resolution.</summary>
    Ticket,
    /// <summary>A reply or an internal note on a ticket.</summary>
    Comment,
    /// <summary>An email the desk received.</summary>
    Mail,
}

/// <summary>One row matched by a full-text search: its id in its own table, with its relevance (higher is better).</summary>
public sealed class SearchHit
{
    public long Id { get; set; }
    public double Score { get; set; }
}

/// <summary>
/// The database's own full-text indexes over tickets, their replies and notes, and received mail (SQLite
/// FTS5 external-content tables kept by triggers on the embedded default; stored tsvector columns with
/// GIN indexes when scaled on PostgreSQL), implemented per provider.
/// </summary>
public interface ITicketSearch
{
    /// <summary>
    /// Rows of the source holding every word (each also as a prefix, stemmed as the index stems), among
    /// the rows <paramref name="within"/> when given; when more than <see cref="Newest"/> match, the newest
    /// that many (so a word in half the desk costs no more than a rarer one). Composable: the caller ranks,
    /// counts, pages, and joins with what the viewer may see.
    /// </summary>
    IQueryable<SearchHit> Match(SearchSource source, IReadOnlyList<string> words, IReadOnlyCollection<long>? within = null);

    /// <summary>
    /// Every row of the source holding every word, uncapped and unordered: for a caller that narrows the
    /// matches by a join (what a viewer may see) and then takes the newest <see cref="Newest"/> itself, so
    /// the filter runs inside the index query, before the cap. Read in id order, newest first, the
    /// database walks the index and stops once it has that many.
    /// </summary>
    IQueryable<SearchHit> Matching(SearchSource source, IReadOnlyList<string> words);

    /// <summary>
    /// The hits whose ids are among <paramref name="ids"/> (a query, run inside the database), written so the
    /// database filters the index as it reads it: SQLite must not probe FTS5 once per id; PostgreSQL hashes the ids.
    /// </summary>
    IQueryable<SearchHit> Among(IQueryable<SearchHit> hits, IQueryable<long> ids);

    /// <summary>How many of the newest matching rows of one source a search ranks.</summary>
    const int Newest = 5000;

    /// <summary>
    /// For each id given, the passage that best shows the words, with each matched word between
    /// <see cref="SearchSnippet.Start"/> and <see cref="SearchSnippet.End"/>.
    /// </summary>
    Task<IReadOnlyDictionary<long, string>> SnippetsAsync(SearchSource source, IReadOnlyList<long> ids, IReadOnlyList<string> words, CancellationToken ct);
}

/// <summary>
/// A passage of a search result in parts, each either plain or a matched word, so a page or a client
/// shows the match highlighted while encoding every character as text (never markup from the data).
/// </summary>
public sealed record SearchSnippet(IReadOnlyList<SnippetPart> Parts)
{
    /// <summary>Marks the database puts around a matched word (control characters, never typed text a page shows).</summary>
    public const char Start = '\u0002', End = '\u0003';

    /// <summary>Splits a marked passage into parts; stray marks never reach the reader.</summary>
    public static SearchSnippet Parse(string? marked)
    {
        var parts = new List<SnippetPart>();
        if (string.IsNullOrEmpty(marked)) return new SearchSnippet(parts);
        var text = new System.Text.StringBuilder();
        var inMatch = false;
        void Flush()
        {
            var value = System.Text.RegularExpressions.Regex.Replace(text.ToString(), @"\s+", " ");
            if (value.Length > 0)
            {
                if (parts.Count > 0 && parts[^1].Match == inMatch) parts[^1] = parts[^1] with { Text = parts[^1].Text + value };
                else parts.Add(new SnippetPart(value, inMatch));
            }
            text.Clear();
        }
        foreach (var c in marked)
        {
            if (c == Start || c == End)
            {
                Flush();
                inMatch = c == Start;
            }
            else text.Append(c);
        }
        Flush();
        return new SearchSnippet(parts);
    }

    public override string ToString() => string.Concat(Parts.Select(p => p.Text));
}

/// <summary>A run of a search result's passage; <see cref="Match"/> when it is a word searched for.</summary>
public sealed record SnippetPart(string Text, bool Match);
