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
/// The tickets of these councils (seen whole) or resolver groups: the part of a viewer's rule that the
/// ticket's own columns answer (see <c>Viewer.Visible</c>).
/// </summary>
public sealed record TicketColumns(IReadOnlyList<int> Councils, IReadOnlyList<int> Groups);

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
    /// The hits whose ids are among <paramref name="ids"/> (a query, run inside the database), written so the
    /// database filters the index as it reads it: SQLite must not probe FTS5 once per id; PostgreSQL hashes the ids.
    /// </summary>
    IQueryable<SearchHit> Among(IQueryable<SearchHit> hits, IQueryable<long> ids);

    /// <summary>
    /// The newest <see cref="Newest"/> rows of the source holding every word that <paramref name="visible"/>
    /// keeps (a filter composed into the index query, before the cap; null keeps every row), read the way the
    /// database reads them cheapest: SQLite's FTS5 index is read newest first and stops at the cap; PostgreSQL's
    /// planner cannot tell a rare prefix word from a common one, so the newest ids are walked in bounded slices
    /// of the primary key, and the rest is read through the GIN index once the walk shows the word is rare.
    /// </summary>
    /// <remarks>
    /// <paramref name="columns"/> (tickets only, where <see cref="FiltersBySet"/> is false) keeps the tickets of
    /// those councils or groups as each row is read, before its words are checked: a walk that reads a group's
    /// few per cent of the desk costs little more per row than the id comparison.
    /// </remarks>
    Task<List<SearchHit>> NewestAsync(SearchSource source, IReadOnlyList<string> words, Func<IQueryable<SearchHit>, IQueryable<SearchHit>>? visible, CancellationToken ct,
        TicketColumns? columns = null);

    /// <summary>
    /// Whether a viewer's many tickets (a resolver group's) are best gathered into a set the index is filtered by
    /// (SQLite reads its index in one pass). When false (PostgreSQL reads the index in small slices, where building
    /// the set again for each slice would cost more than the slice), a council's or group's tickets are kept by
    /// their columns as the walk reads them (<see cref="NewestAsync"/>'s <c>columns</c>).
    /// </summary>
    bool FiltersBySet { get; }

    /// <summary>
    /// How many of the newest matching rows of one source a search ranks: one more than a search counts and
    /// pages (<see cref="Features.Search.SearchEverything.MaxResults"/>), so "1,000+" is still known, and a word found in a tenth
    /// of the desk reads a thousand matches, not every one.
    /// </summary>
    const int Newest = Features.Search.SearchEverything.MaxResults + 1;

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
