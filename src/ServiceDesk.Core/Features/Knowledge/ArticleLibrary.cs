using Microsoft.EntityFrameworkCore;
using ServiceDesk.Core.Abstractions;
using ServiceDesk.Core.Access;
using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Domain.Calendars;
using ServiceDesk.Core.Domain.Knowledge;
using ServiceDesk.Core.Domain.Problems;
using ServiceDesk.Core.Domain.Tickets;
using ServiceDesk.Core.Features.Tickets;

namespace ServiceDesk.Core.Features.Knowledge;

/// <summary>An article in a list or a search result.</summary>
public sealed record ArticleSummary(
    string Reference, string Title, string Excerpt, ArticleStatus Status, ArticleAudience Audience,
    IReadOnlyList<string> Services, string? Category, DateTime UpdatedAt, DateOnly? ReviewOn);

/// <summary>A page of articles; <see cref="DidYouMean"/> says how mistyped words were read.</summary>
public sealed record ArticleList(IReadOnlyList<ArticleSummary> Items, int Total, int Page, int PageSize, string? DidYouMean = null);

/// <summary>
/// One article as its reader may see it. What only the desk needs (owner, problem, source ticket,
/// councils chosen, counts) is left empty for council staff.
/// </summary>
public sealed record ArticleView(
    string Reference, string Title, string Body, string BodyHtml, string? Category, IReadOnlyList<string> Keywords,
    ArticleAudience Audience, IReadOnlyList<string> Councils, IReadOnlyList<ServiceRef> Services, ArticleStatus Status,
    PersonRef? Owner, DateOnly? ReviewOn, bool ReviewDue, string? ProblemReference, string? SourceTicket,
    DateTime CreatedAt, DateTime UpdatedAt, DateTime? PublishedAt, DateTime? RetiredAt, int Version,
    ArticleCounts? Counts, bool? YourAnswerHelpful);

/// <summary>How often an article was read and what readers answered to "Did this help?" (the desk's view).</summary>
public sealed record ArticleCounts(int Views, int Helpful, int NotHelpful, int Deflected);

/// <summary>One version of an article: who changed what and when, with the words as they then stood.</summary>
public sealed record ArticleVersionView(
    int Number, DateTime At, string By, string Change, string Title, string Body, string? Category, string Keywords,
    ArticleAudience Audience, ArticleStatus Status);

/// <summary>
/// What every article use case shares: who may read and who may write (the shared ICT team), finding
/// an article the viewer may see (anything else is 404), turning input into content, searching, and
/// answering with the fresh view.
/// </summary>
public sealed class ArticleLibrary(IServiceDeskDb db, ViewerLoader viewers, TimeProvider time, IArticleRenderer renderer, IArticleSearch search)
{
    public DateTime Now => time.GetUtcNow().UtcDateTime;
    public DateOnly Today => PartnershipTime.LocalDate(Now);
    public IArticleRenderer Renderer => renderer;

    public Task<Viewer> ViewerAsync(CancellationToken ct) => viewers.LoadAsync(ct);

    /// <summary>The caller, if they may write articles (the shared ICT team).</summary>
    public async Task<Viewer> AuthorAsync(CancellationToken ct)
    {
        var viewer = await viewers.LoadAsync(ct);
        viewer.RequireSharedIct("Only the shared ICT team writes knowledge articles.");
        return viewer;
    }

    /// <summary>An article to change, tracked, for the shared ICT team; to anyone else it does not exist or may not be changed.</summary>
    public async Task<(Viewer Viewer, Article Article)> OpenAsync(string reference, int? expectedVersion, CancellationToken ct)
    {
        var viewer = await viewers.LoadAsync(ct);
        var id = await VisibleIdAsync(viewer, reference, ct);
        viewer.RequireSharedIct("Only the shared ICT team changes knowledge articles.");
        var article = await db.Articles.Include(a => a.Services).Include(a => a.Councils).Include(a => a.Owner)
            .FirstAsync(a => a.Id == id, ct);
        article.EnsureVersion(expectedVersion);
        return (viewer, article);
    }

    /// <summary>The id of an article the viewer may read, or 404 (never revealing that it exists).</summary>
    public async Task<long> VisibleIdAsync(Viewer viewer, string reference, CancellationToken ct)
    {
        if (!ArticleReference.TryParse(reference?.Trim(), out var id)) throw new NotFoundException($"Article {reference}");
        return await viewer.Visible(db.Articles).AnyAsync(a => a.Id == id, ct) ? id : throw new NotFoundException($"Article {reference}");
    }

    /// <summary>Checks and resolves the services (ids) and councils (codes) named, and the owner (email).</summary>
    public async Task<ArticleContent> ContentAsync(
        string title, string body, string? category, IReadOnlyList<string>? keywords, string? audience,
        IReadOnlyList<string>? councilCodes, IReadOnlyList<int>? serviceIds, DateOnly? reviewOn, CancellationToken ct)
    {
        var services = (serviceIds ?? []).Distinct().ToList();
        var known = await db.Services.Where(s => services.Contains(s.Id)).Select(s => s.Id).ToListAsync(ct);
        if (services.FirstOrDefault(id => !known.Contains(id)) is var missing and not 0)
            throw new FieldException("serviceIds", $"There is no catalogue service {missing}.");
        var codes = (councilCodes ?? []).Select(c => c.Trim().ToUpperInvariant()).Distinct().ToList();
        var councils = await db.Councils.Where(c => codes.Contains(c.Code)).ToDictionaryAsync(c => c.Code, c => c.Id, ct);
        if (codes.FirstOrDefault(c => !councils.ContainsKey(c)) is { } unknown)
            throw new FieldException("councils", $"There is no council '{unknown}'.");
        var parsedAudience = audience is null ? ArticleAudience.AllCouncils : Enum.Parse<ArticleAudience>(audience.Trim(), true);
        if (parsedAudience != ArticleAudience.ChosenCouncils && codes.Count > 0)
            throw new FieldException("councils", "Councils are chosen only for an article with the audience ChosenCouncils.");
        if (reviewOn is DateOnly due && due <= Today) throw new FieldException("reviewOn", "The review date must be after today.");
        return new ArticleContent(title, body, category, keywords ?? [], parsedAudience, codes.Select(c => councils[c]).ToList(), services, reviewOn);
    }

    /// <summary>The shared ICT person named by email, to own an article.</summary>
    public async Task<Person> OwnerAsync(string email, CancellationToken ct)
    {
        var address = email.Trim().ToLowerInvariant();
        return await db.People.FirstOrDefaultAsync(p => p.Email == address && p.DeactivatedAt == null, ct)
            ?? throw new FieldException("ownerEmail", $"No one at the desk has the address '{email}'.");
    }

    public async Task<ArticleView> SaveAsync(Viewer viewer, Article article, CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        return await ViewAsync(viewer, article.Id, ct);
    }

    public async Task<ArticleView> ViewAsync(Viewer viewer, long id, CancellationToken ct)
    {
        var a = await viewer.Visible(db.Articles).AsNoTracking()
            .Include(x => x.Services).Include(x => x.Councils).Include(x => x.Owner)
            .FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException($"Article {ArticleReference.Format(id)}");
        var serviceIds = a.Services.Select(s => s.ServiceId).ToList();
        var services = await db.Services.AsNoTracking().Where(s => serviceIds.Contains(s.Id))
            .OrderBy(s => s.Name).Select(s => new ServiceRef(s.Id, s.Name, s.Tier)).ToListAsync(ct);
        var desk = viewer.SeesAllCouncils;
        IReadOnlyList<string> councils = [];
        ArticleCounts? counts = null;
        if (desk)
        {
            var councilIds = a.Councils.Select(c => c.CouncilId).ToList();
            councils = await db.Councils.AsNoTracking().Where(c => councilIds.Contains(c.Id)).OrderBy(c => c.Code).Select(c => c.Code).ToListAsync(ct);
            var tally = await db.ArticleActivities.AsNoTracking().Where(x => x.ArticleId == id)
                .GroupBy(x => x.Kind).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
            int Of(ArticleActivityKind kind) => tally.FirstOrDefault(t => t.Key == kind)?.Count ?? 0;
            counts = new ArticleCounts(Of(ArticleActivityKind.Viewed), Of(ArticleActivityKind.Helpful), Of(ArticleActivityKind.NotHelpful), Of(ArticleActivityKind.Deflected));
        }
        var myVote = await db.ArticleActivities.AsNoTracking()
            .Where(x => x.ArticleId == id && x.PersonId == viewer.PersonId && (x.Kind == ArticleActivityKind.Helpful || x.Kind == ArticleActivityKind.NotHelpful))
            .Select(x => (ArticleActivityKind?)x.Kind).FirstOrDefaultAsync(ct);
        return new ArticleView(
            a.Reference, a.Title, a.Body, renderer.ToHtml(a.Body), a.Category, a.KeywordList, a.Audience, councils, services, a.Status,
            desk && a.Owner is not null ? new PersonRef(a.Owner.DisplayName, a.Owner.Email) : null,
            a.ReviewOn, a.ReviewOn is DateOnly due && due <= Today,
            desk && a.ProblemId is long p ? ProblemReference.Format(p) : null,
            desk && a.SourceTicketId is long t ? TicketReference.Format(t) : null,
            a.CreatedAt, a.UpdatedAt, a.PublishedAt, a.RetiredAt, a.Version, counts,
            myVote is null ? null : myVote == ArticleActivityKind.Helpful);
    }

    /// <summary>
    /// Ranked full-text search among <paramref name="articles"/> (already narrowed to what the viewer
    /// may see), with mistyped words corrected from the index's own terms. Null when nothing searchable was typed.
    /// </summary>
    public async Task<ArticleList?> SearchAsync(IQueryable<Article> articles, string? text, int page, int pageSize, CancellationToken ct)
    {
        var words = SearchWords.Of(text);
        if (words.Count == 0) return null;
        var corrections = SearchWords.Corrections(words, await search.TermsAsync(ct));
        var hits = from h in search.Match(words.Concat(corrections.Values).Distinct().ToList())
                   join a in articles on h.ArticleId equals a.Id
                   select new { a.Id, h.Score };
        var total = await hits.CountAsync(ct);
        var ranked = await hits.OrderByDescending(h => h.Score).ThenBy(h => h.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        var summaries = await SummariesAsync(ranked.Select(r => r.Id).ToList(), ct);
        var didYouMean = corrections.Count == 0 ? null : string.Join(' ', words.Select(w => corrections.GetValueOrDefault(w, w)));
        return new ArticleList(summaries, total, page, pageSize, didYouMean);
    }

    /// <summary>The articles' summaries in the order of the ids given.</summary>
    public async Task<IReadOnlyList<ArticleSummary>> SummariesAsync(IReadOnlyList<long> ids, CancellationToken ct)
    {
        var rows = await db.Articles.AsNoTracking().Where(a => ids.Contains(a.Id))
            .Select(a => new { a.Id, a.Title, a.Body, a.Status, a.Audience, a.Category, a.UpdatedAt, a.ReviewOn, Services = a.Services.Select(s => s.ServiceId).ToList() })
            .ToListAsync(ct);
        var serviceIds = rows.SelectMany(r => r.Services).Distinct().ToList();
        var names = await db.Services.AsNoTracking().Where(s => serviceIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        return ids.Select(id => rows.First(r => r.Id == id)).Select(r => new ArticleSummary(
            ArticleReference.Format(r.Id), r.Title, Excerpt(r.Body), r.Status, r.Audience,
            r.Services.Select(s => names.GetValueOrDefault(s, "")).Order(StringComparer.Ordinal).ToList(), r.Category, r.UpdatedAt, r.ReviewOn)).ToList();
    }

    private string Excerpt(string body)
    {
        var text = string.Join(' ', renderer.ToText(body).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (text.Length <= 200) return text;
        var cut = text[..200].LastIndexOf(' ');
        return text[..(cut > 100 ? cut : 200)] + "…";
    }
}
