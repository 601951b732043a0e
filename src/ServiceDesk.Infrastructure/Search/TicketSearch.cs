using Microsoft.EntityFrameworkCore;
using ServiceDesk.Core.Abstractions;
using ServiceDesk.Infrastructure.Persistence;

namespace ServiceDesk.Infrastructure.Search;

/// <summary>
/// Full-text search over tickets, replies and notes, and received mail in the database's own indexes,
/// made by the providers' migrations and kept current by the database itself, whatever writes the rows.
/// SQLite: FTS5 external-content tables (<c>TicketSearch</c>, <c>CommentSearch</c>, <c>MailSearch</c>,
/// Porter-stemmed) kept in step by triggers, ranked by BM25 with a ticket's title weighing most, passages
/// by FTS5's <c>snippet</c>. PostgreSQL: stored generated tsvector columns (<c>SearchVector</c>) with GIN
/// indexes, ranked by ts_rank, passages by ts_headline. Words reach the query as parameters, letters and
/// digits only, so nothing typed is search syntax.
/// </summary>
public sealed class TicketSearch(ServiceDeskDbContext db) : ITicketSearch
{
    // Table and column names are the code's own constants; only the words are parameters ({0}, {1}).
    private sealed record Source(string FtsTable, string FtsWeights, string Table, string Text)
    {
        // The newest matches first (the index's own order), at most ITicketSearch.Newest, then scored. The
        // rows a viewer may see ({1}) are a filter, never a lookup: "+rowid" keeps SQLite reading the index
        // in order rather than probing it once per row.
        public string PostgresMatch(bool within) => $"""
            SELECT h."Id"::bigint AS "Id", ts_rank(h."SearchVector", q)::float8 AS "Score"
            FROM to_tsquery('english', {"{0}"}) q, LATERAL (
                SELECT t."Id", t."SearchVector" FROM "{Table}" t
                WHERE t."SearchVector" @@ q {(within ? """AND t."Id" = ANY({1})""" : "")}
                ORDER BY t."Id" DESC LIMIT {ITicketSearch.Newest}) h
            """;

        public string SqliteMatch(bool within) => $"""
            SELECT rowid AS "Id", -bm25("{FtsTable}", {FtsWeights}) AS "Score"
            FROM "{FtsTable}" WHERE "{FtsTable}" MATCH {"{0}"} {(within ? "AND +rowid IN (SELECT value FROM json_each({1}))" : "")}
            ORDER BY rowid DESC LIMIT {ITicketSearch.Newest}
            """;

        // The matches among ids lo < id <= hi ({1}, {2}), scored once found (ts_rank on the rows kept alone).
        // Walked: the range is read through the primary key, newest first, each row checked by @@. By index:
        // the GIN index finds the range's matches first, as an array the planner takes for a few rows, so
        // the viewer's filter probes each by its key instead of hashing everything the viewer may see.
        // With columns (tickets only), the rows of the councils ({3}) or groups ({4}) alone, tested before the
        // words. Groups alone are a few per cent of the desk: their ids in the range come from the group queue's
        // index alone, and only their rows are read (40 ms for a group's 15,000 of 250,000 ids, against 62–84 ms
        // walking every row of the range).
        public string PostgresSlice(bool walk, TicketColumns? columns)
        {
            const string words = """to_tsquery('english', {0})""";
            static string Range(string alias) => $"""{alias}."Id" > {"{1}"} AND {alias}."Id" <= {"{2}"}""";
            var kept = columns is not null ? """ AND (t."CouncilId" = ANY({3}) OR t."ResolverGroupId" = ANY({4}))""" : "";
            var where = (walk, columns) switch
            {
                (true, { Councils.Count: 0 }) => $"""
                    t."Id" = ANY(ARRAY(SELECT g."Id" FROM "{Table}" g WHERE g."ResolverGroupId" = ANY({"{4}"}) AND {Range("g")})) AND t."SearchVector" @@ {words}
                    """,
                (true, _) => $"""t."SearchVector" @@ {words} AND {Range("t")}{kept}""",
                _ => $"""
                    t."Id" = ANY(ARRAY(SELECT m."Id" FROM "{Table}" m WHERE m."SearchVector" @@ {words} AND {Range("m")})){kept}
                    """,
            };
            return $"""
                SELECT t."Id"::bigint AS "Id", ts_rank(t."SearchVector", {words})::float8 AS "Score"
                FROM "{Table}" t WHERE {where}
                """;
        }

        public string PostgresLast => $"""SELECT coalesce(max("Id"), 0)::bigint AS "Value" FROM "{Table}" """;

        // Every match, for a caller that joins and caps: no ORDER BY or LIMIT here, so the database flattens
        // this into the caller's query (SQLite reads the FTS5 index in rowid order and probes the joined rows
        // by primary key).
        public string SqliteMatching => $"""
            SELECT rowid AS "Id", -bm25("{FtsTable}", {FtsWeights}) AS "Score" FROM "{FtsTable}" WHERE "{FtsTable}" MATCH {"{0}"}
            """;

        // ts_headline's parser takes anything between < and > for markup and drops it from the passage; what
        // people typed is text, so each < is hidden from it (as a control character) and put back after.
        public string PostgresSnippets => $"""
            SELECT t."Id"::bigint AS "Id",
                   replace(ts_headline('english', replace({Text}, '<', chr(1)), q, format('StartSel="%s", StopSel="%s", MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "', chr(2), chr(3))), chr(1), '<') AS "Text"
            FROM "{Table}" t, to_tsquery('english', {"{0}"}) q WHERE t."Id" = ANY({"{1}"})
            """;

        public string SqliteSnippets => $"""
            SELECT rowid AS "Id", snippet("{FtsTable}", -1, char(2), char(3), '…', 32) AS "Text"
            FROM "{FtsTable}" WHERE "{FtsTable}" MATCH {"{0}"} AND rowid BETWEEN {"{2}"} AND {"{3}"} AND +rowid IN (SELECT value FROM json_each({"{1}"}))
            """;
    }

    private static readonly Dictionary<SearchSource, Source> Sources = new()
    {
        [SearchSource.Ticket] = new("TicketSearch", "10.0, 1.0, 2.0", "Tickets",
            """ t."Title" || ' — ' || t."Description" || coalesce(' — ' || t."Resolution", '') """),
        [SearchSource.Comment] = new("CommentSearch", "1.0", "TicketComments", """ t."Body" """),
        [SearchSource.Mail] = new("MailSearch", "5.0, 1.0", "InboundMessages", """ t."Subject" || ' — ' || t."Text" """),
    };

    /// <summary>Letters and digits only; at least one word, else a word nothing contains.</summary>
    private static List<string> Safe(IReadOnlyList<string> words)
    {
        var safe = words.Select(w => new string(w.Where(char.IsLetterOrDigit).ToArray())).Where(w => w.Length > 0).Distinct().ToList();
        if (safe.Count == 0) safe.Add("\u0001none");
        return safe;
    }

    private bool Postgres => db.Database.IsNpgsql();

    public bool FiltersBySet => !Postgres;

    private static string PostgresQuery(List<string> safe) => string.Join(" & ", safe.Select(w => w + ":*"));

    private static string SqliteQuery(List<string> safe) => string.Join(" ", safe.Select(w => $"\"{w}\"*"));

    public IQueryable<SearchHit> Match(SearchSource source, IReadOnlyList<string> words, IReadOnlyCollection<long>? within = null)
    {
        var s = Sources[source];
        var safe = Safe(words);
        var sql = Postgres ? s.PostgresMatch(within is not null) : s.SqliteMatch(within is not null);
        object query = Postgres ? PostgresQuery(safe) : SqliteQuery(safe);
        object[] parameters = within is null ? [query]
            : [query, Postgres ? within.ToArray() : System.Text.Json.JsonSerializer.Serialize(within)];
        return db.Database.SqlQueryRaw<SearchHit>(sql, parameters);
    }

    private IQueryable<SearchHit> SqliteMatching(SearchSource source, IReadOnlyList<string> words) =>
        db.Database.SqlQueryRaw<SearchHit>(Sources[source].SqliteMatching, SqliteQuery(Safe(words)));

    /// <summary>How many of the newest ids the walk reads first, before it judges how rare the words are.</summary>
    private const long FirstSlice = 10_000;

    /// <summary>
    /// How many ids a walk that keeps rows by their columns reads on rather than turn to the GIN index: such a
    /// walk tests the words only on the viewer's rows (about 0.3 µs an id here for a group's), where the index
    /// for a word in a tenth of the desk spends 80–110 ms gathering every match before the viewer's are kept.
    /// </summary>
    private const long ColumnWalk = 400_000;

    public async Task<List<SearchHit>> NewestAsync(SearchSource source, IReadOnlyList<string> words, Func<IQueryable<SearchHit>, IQueryable<SearchHit>>? visible, CancellationToken ct,
        TicketColumns? columns = null)
    {
        visible ??= hits => hits;
        if (columns is not null && (source != SearchSource.Ticket || !Postgres))
            throw new ArgumentException("Columns keep tickets on PostgreSQL only (FiltersBySet is false there).", nameof(columns));
        if (!Postgres)
            return await visible(SqliteMatching(source, words)).OrderByDescending(h => h.Id).Take(ITicketSearch.Newest).ToListAsync(ct);

        // PostgreSQL estimates every prefix tsquery at the same share of the table, common or rare, so it is
        // not asked to choose: the newest ids are walked in slices (doubling) while the matches found so far
        // say walking on to the cap reads fewer rows than the GIN index would find in the rest; otherwise the
        // rest is read through the index (or, keeping rows by their columns, while the rest of the walk is
        // short: see ColumnWalk). A word in no row costs one slice and one index probe.
        var s = Sources[source];
        var query = PostgresQuery(Safe(words));
        // The desk's connections prepare a statement run twice, and after five runs PostgreSQL may keep one plan
        // for any values: for a slice it guesses the id range holds 0.5 % of the table and walks the key where the
        // GIN index or a group's own index was the plan for the actual range (a rare word's index probe: 1 ms with
        // its values, 65 ms with the generic plan). Each slice is planned for its own values.
        await using var planned = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        await db.Database.ExecuteSqlRawAsync("SET LOCAL plan_cache_mode = force_custom_plan", ct);
        var hi = await db.Database.SqlQueryRaw<long>(s.PostgresLast).SingleAsync(ct);
        var last = hi;
        var found = new List<SearchHit>();
        for (var slice = FirstSlice; hi > 0 && found.Count < ITicketSearch.Newest; slice *= 2)
        {
            var seen = last - hi;
            var density = seen == 0 ? 1.0 : (double)found.Count / seen;
            var need = ITicketSearch.Newest - found.Count;
            var rest = need / Math.Max(density, 1e-9);
            var walk = seen == 0 || rest < density * hi || columns is not null && rest <= ColumnWalk;
            // The next slice doubles, or reaches as far as the matches so far say the rest lies (and a quarter more).
            var lo = walk ? Math.Max(0, hi - (seen == 0 ? slice : Math.Max(slice, (long)Math.Min(rest * 1.25, hi)))) : 0;
            object[] parameters = columns is null ? [query, lo, hi] : [query, lo, hi, columns.Councils.ToArray(), columns.Groups.ToArray()];
            found.AddRange(await visible(db.Database.SqlQueryRaw<SearchHit>(s.PostgresSlice(walk, columns), parameters))
                .OrderByDescending(h => h.Id).Take(need).ToListAsync(ct));
            hi = lo;
        }
        if (planned is not null) await planned.CommitAsync(ct);
        return found;
    }

    // "+ 0" on SQLite: the bare rowid would be handed to FTS5 as a lookup per id. On PostgreSQL the same
    // expression blocks the hash join and the planner falls back to a nested loop over every id.
    public IQueryable<SearchHit> Among(IQueryable<SearchHit> hits, IQueryable<long> ids) =>
        Postgres ? hits.Where(h => ids.Contains(h.Id)) : hits.Where(h => ids.Contains(h.Id + 0));

    private sealed class SnippetRow
    {
        public long Id { get; set; }
        public string? Text { get; set; }
    }

    public async Task<IReadOnlyDictionary<long, string>> SnippetsAsync(SearchSource source, IReadOnlyList<long> ids, IReadOnlyList<string> words, CancellationToken ct)
    {
        if (ids.Count == 0) return new Dictionary<long, string>();
        var s = Sources[source];
        var safe = Safe(words);
        var sql = Postgres ? s.PostgresSnippets : s.SqliteSnippets;
        // SQLite reads the index between the lowest and highest id only, and keeps the ids asked for.
        object[] parameters = Postgres ? [PostgresQuery(safe), ids.ToArray()]
            : [SqliteQuery(safe), System.Text.Json.JsonSerializer.Serialize(ids), ids.Min(), ids.Max()];
        var rows = await db.Database.SqlQueryRaw<SnippetRow>(sql, parameters).ToListAsync(ct);
        return rows.Where(r => r.Text is not null).ToDictionary(r => r.Id, r => r.Text!);
    }
}
