using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ServiceDesk.Core.Abstractions;
using ServiceDesk.Core.Access;
using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Domain.Tickets;
using ServiceDesk.Core.Features.Knowledge;

namespace ServiceDesk.Core.Features.Search;

/// <summary>What a search result is: a ticket itself, a public reply, an internal note, or a received email.</summary>
public enum SearchResultKind { Ticket, Reply, InternalNote, Mail }

/// <summary>
/// One thing found: the ticket it belongs to (none for mail that raised no ticket), what it is, who
/// wrote it and when, and the passage that shows the words, highlighted.
/// </summary>
public sealed record SearchResult(
    SearchResultKind Kind, string? TicketReference, long? MailId, string Title, string? Council, TicketStatus? Status,
    string? By, DateTime At, SearchSnippet Snippet, double Score);

/// <summary>
/// A page of results, best first. <see cref="Total"/> counts at most <see cref="SearchEverything.MaxResults"/>
/// (<see cref="MoreThanTotal"/> says there are more); <see cref="Words"/> are the words looked for.
/// </summary>
public sealed record SearchResults(IReadOnlyList<SearchResult> Items, int Total, bool MoreThanTotal, int Page, int PageSize, IReadOnlyList<string> Words);

/// <summary>
/// Full-text search across the tickets the viewer may see, their public replies, internal notes (only
/// where the viewer works the ticket, as on the ticket itself) and, for the shared ICT team, the mail
/// the desk received. Every word must appear (each also as the start of a longer word, stemmed as
/// English: "printing" finds "printer"); ranked by the database's relevance, a page at a time.
/// A ticket reference (SD-000123) finds that ticket first.
/// </summary>
public sealed record SearchEverything(string? Q, int? Page = null, int? PageSize = null) : IRequest<SearchResults>
{
    /// <summary>Results are counted and paged up to this many; more words narrow a search that finds more.</summary>
    public const int MaxResults = 1000;
}

public sealed class SearchEverythingValidator : AbstractValidator<SearchEverything>
{
    public SearchEverythingValidator()
    {
        RuleFor(x => x.Q).NotEmpty().WithMessage("Enter words to search for (q).").SearchWords();
        RuleFor(x => x.PageSize).InclusiveBetween(1, 100).When(x => x.PageSize is not null).WithMessage("pageSize must be between 1 and 100.");
        RuleFor(x => x.Page).GreaterThanOrEqualTo(1).When(x => x.Page is not null).WithMessage("page starts at 1.");
        RuleFor(x => x.Page).Must((x, p) => ((p ?? 1) - 1) * (x.PageSize ?? SearchEverythingHandler.DefaultPageSize) < SearchEverything.MaxResults)
            .When(x => x.Page is not null)
            .WithMessage($"Results go no further than the first {SearchEverything.MaxResults}: add words to narrow the search (page).");
    }
}

public sealed class SearchEverythingHandler(IServiceDeskDb db, ViewerLoader viewers, ITicketSearch search) : IRequestHandler<SearchEverything, SearchResults>
{
    public const int DefaultPageSize = 20;

    public async Task<SearchResults> Handle(SearchEverything request, CancellationToken ct)
    {
        var viewer = await viewers.LoadAsync(ct);
        var page = request.Page ?? 1;
        var size = request.PageSize ?? DefaultPageSize;
        var words = SearchWords.Of(request.Q);
        var referenced = TicketReference.TryParse(request.Q!.Trim(), out var id)
            && await viewer.Visible(db.Tickets).AnyAsync(t => t.Id == id, ct) ? id : (long?)null;
        if (words.Count == 0 && referenced is null) return new SearchResults([], 0, false, page, size, words);

        // Each source's best (page × size) rows, merged by relevance: enough for the page asked for.
        var wanted = Math.Min(page * size, SearchEverything.MaxResults);
        var scope = await ScopeAsync(viewer, words, ct);
        var ranked = new List<(SearchSource Source, long Id, double Score)>();
        var total = 0;
        if (words.Count > 0)
        {
            foreach (var source in Enum.GetValues<SearchSource>())
            {
                if (source == SearchSource.Mail && !viewer.SeesAllCouncils) continue;
                // At most ITicketSearch.Newest rows, read once: counted and ranked here rather than read twice.
                var all = source switch
                {
                    SearchSource.Ticket => await TicketsAsync(viewer, words, scope, ct),
                    SearchSource.Comment => await CommentsAsync(viewer, words, scope, ct),
                    _ => await search.NewestAsync(source, words, null, ct),
                };
                total += Math.Min(all.Count, SearchEverything.MaxResults + 1);
                var best = all.OrderByDescending(h => h.Score).ThenByDescending(h => h.Id).Take(wanted);
                ranked.AddRange(best.Select(h => (source, h.Id, h.Score)));
            }
        }
        var ordered = ranked.OrderByDescending(r => r.Score).ThenBy(r => r.Source).ThenByDescending(r => r.Id).ToList();
        if (referenced is long exact)
        {
            ordered.RemoveAll(r => r.Source == SearchSource.Ticket && r.Id == exact);
            ordered.Insert(0, (SearchSource.Ticket, exact, double.MaxValue));
            total++;
        }
        var more = total > SearchEverything.MaxResults;
        total = Math.Min(total, SearchEverything.MaxResults);
        var slice = ordered.Skip((page - 1) * size).Take(size).ToList();
        var items = await DescribeAsync(slice, words, ct);
        return new SearchResults(items, total, more, page, size, words);
    }

    /// <summary>A viewer who sees this many tickets or fewer (a requester) is searched within their ids, fetched first.</summary>
    public const int FewTickets = 5000;

    /// <summary>
    /// How the index is narrowed to what a viewer may see, always inside the index query and before the cap
    /// (the newest <see cref="ITicketSearch.Newest"/> matches): the shared ICT team sees everything; a
    /// requester's few tickets are fetched and the index read within them. A council seen whole (an approver) or
    /// a resolver group's tickets (one council's team: a few per cent of the desk): on SQLite, a group's are read
    /// through their indexes into a set the index is filtered by (<see cref="ITicketSearch.FiltersBySet"/>) and a
    /// council's, too many to gather, are checked by key as the index is read newest first; on PostgreSQL both are
    /// kept by the ticket's own columns as the walk reads it (<see cref="TicketColumns"/>), and the tickets the
    /// viewer raised or follows (<see cref="Viewer.OwnIds"/>) are searched within as a requester's. Each path
    /// applies <see cref="Viewer"/>'s one rule.
    /// </summary>
    private sealed record Scope(List<long>? Few, IQueryable<long>? Within, TicketColumns? Columns = null);

    private static readonly Scope Everything = new(null, null);

    private async Task<Scope> ScopeAsync(Viewer viewer, IReadOnlyList<string> words, CancellationToken ct)
    {
        if (viewer.SeesAllCouncils || words.Count == 0) return Everything;
        var whole = viewer.CouncilsSeenWhole;
        if (!search.FiltersBySet && (whole.Count > 0 || viewer.GroupIds.Count > 0))
        {
            var own = await viewer.OwnIds(db.Tickets).Take(FewTickets + 1).ToListAsync(ct);
            return own.Count <= FewTickets ? new Scope(own, null, new TicketColumns(whole, viewer.GroupIds)) : Everything;
        }
        if (whole.Count > 0) return Everything;
        var within = viewer.VisibleIds(db.Tickets);
        if (viewer.GroupIds.Count > 0) return new Scope(null, within);
        var ids = await within.Take(FewTickets + 1).ToListAsync(ct);
        return ids.Count <= FewTickets ? new Scope(ids, null) : new Scope(null, within);
    }

    private async Task<List<SearchHit>> TicketsAsync(Viewer viewer, IReadOnlyList<string> words, Scope scope, CancellationToken ct)
    {
        if (viewer.SeesAllCouncils) return await search.NewestAsync(SearchSource.Ticket, words, null, ct);
        if (scope.Columns is { } columns)
        {
            var theirs = await search.NewestAsync(SearchSource.Ticket, words, null, ct, columns);
            var own = scope.Few!.Count == 0 ? [] : await search.Match(SearchSource.Ticket, words, scope.Few).ToListAsync(ct);
            return theirs.UnionBy(own, h => h.Id).OrderByDescending(h => h.Id).Take(ITicketSearch.Newest).ToList();
        }
        if (scope.Few is { } few) return await search.Match(SearchSource.Ticket, words, few).ToListAsync(ct);
        if (scope.Within is { } within) return await search.NewestAsync(SearchSource.Ticket, words, hits => search.Among(hits, within), ct);
        return await search.NewestAsync(SearchSource.Ticket, words,
            hits => from h in hits join t in viewer.Visible(db.Tickets) on h.Id equals t.Id select h, ct);
    }

    private async Task<List<SearchHit>> CommentsAsync(Viewer viewer, IReadOnlyList<string> words, Scope scope, CancellationToken ct)
    {
        if (viewer.SeesAllCouncils) return await search.NewestAsync(SearchSource.Comment, words, null, ct);
        // A council's or group's tickets kept by columns are no help here: replies are checked by key below.
        if (scope is { Few: { } few, Columns: null })
        {
            var comments = await viewer.Visible(db.TicketComments, db.Tickets.Where(t => few.Contains(t.Id))).Select(c => (long)c.Id).ToListAsync(ct);
            return await search.Match(SearchSource.Comment, words, comments).ToListAsync(ct);
        }
        if (scope.Within is { } within)
        {
            var visible = viewer.Visible(db.TicketComments, db.Tickets.Where(t => within.Contains(t.Id))).Select(c => (long)c.Id);
            return await search.NewestAsync(SearchSource.Comment, words, hits => search.Among(hits, visible), ct);
        }
        // The match's id is cast, never the comment's, so the comment is found by its key.
        return await search.NewestAsync(SearchSource.Comment, words,
            hits => from h in hits join c in viewer.Visible(db.TicketComments, db.Tickets) on (int)h.Id equals c.Id select h, ct);
    }

    /// <summary>The results' details and passages, in the order ranked (already narrowed to what the viewer may see).</summary>
    private async Task<IReadOnlyList<SearchResult>> DescribeAsync(List<(SearchSource Source, long Id, double Score)> slice, IReadOnlyList<string> words, CancellationToken ct)
    {
        List<long> Ids(SearchSource s) => slice.Where(r => r.Source == s).Select(r => r.Id).ToList();
        var ticketIds = Ids(SearchSource.Ticket);
        var commentIds = Ids(SearchSource.Comment).Select(i => (int)i).ToList();
        var mailIds = Ids(SearchSource.Mail);

        var comments = await db.TicketComments.AsNoTracking().Where(c => commentIds.Contains(c.Id))
            .Select(c => new { c.Id, c.TicketId, c.IsInternal, c.CreatedAt, By = c.Author!.DisplayName }).ToDictionaryAsync(c => (long)c.Id, ct);
        var mail = await db.InboundMessages.AsNoTracking().Where(m => mailIds.Contains(m.Id))
            .Select(m => new { m.Id, m.Subject, m.FromAddress, m.FromName, m.ReceivedAt, m.TicketId }).ToDictionaryAsync(m => m.Id, ct);
        var allTickets = ticketIds.Concat(comments.Values.Select(c => c.TicketId)).Concat(mail.Values.Where(m => m.TicketId != null).Select(m => m.TicketId!.Value))
            .Distinct().ToList();
        var tickets = await db.Tickets.AsNoTracking().Where(t => allTickets.Contains(t.Id))
            .Select(t => new { t.Id, t.Title, Council = t.Council!.Code, t.Status, t.CreatedAt, By = t.Requester!.DisplayName }).ToDictionaryAsync(t => t.Id, ct);

        var snippets = new Dictionary<SearchSource, IReadOnlyDictionary<long, string>>();
        foreach (var source in Enum.GetValues<SearchSource>())
            snippets[source] = words.Count == 0 || Ids(source).Count == 0
                ? new Dictionary<long, string>()
                : await search.SnippetsAsync(source, Ids(source), words, ct);
        SearchSnippet Snippet(SearchSource s, long id) => SearchSnippet.Parse(snippets[s].GetValueOrDefault(id));

        var results = new List<SearchResult>();
        foreach (var (source, id, score) in slice)
        {
            switch (source)
            {
                case SearchSource.Ticket when tickets.TryGetValue(id, out var t):
                    results.Add(new SearchResult(SearchResultKind.Ticket, TicketReference.Format(t.Id), null, t.Title, t.Council, t.Status, t.By, t.CreatedAt,
                        Snippet(source, id), score));
                    break;
                case SearchSource.Comment when comments.TryGetValue(id, out var c) && tickets.TryGetValue(c.TicketId, out var on):
                    results.Add(new SearchResult(c.IsInternal ? SearchResultKind.InternalNote : SearchResultKind.Reply, TicketReference.Format(on.Id), null,
                        on.Title, on.Council, on.Status, c.By, c.CreatedAt, Snippet(source, id), score));
                    break;
                case SearchSource.Mail when mail.TryGetValue(id, out var m):
                    var ticket = m.TicketId is long tid && tickets.TryGetValue(tid, out var raised) ? raised : null;
                    results.Add(new SearchResult(SearchResultKind.Mail, ticket is null ? null : TicketReference.Format(ticket.Id), m.Id,
                        m.Subject.Length > 0 ? m.Subject : "(no subject)", ticket?.Council, ticket?.Status, m.FromName ?? m.FromAddress, m.ReceivedAt,
                        Snippet(source, id), score));
                    break;
            }
        }
        return results;
    }
}
