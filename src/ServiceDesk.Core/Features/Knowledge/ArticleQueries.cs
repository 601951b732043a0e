using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ServiceDesk.Core.Abstractions;
using ServiceDesk.Core.Access;
using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Domain.Knowledge;

namespace ServiceDesk.Core.Features.Knowledge;

/// <summary>
/// Articles the caller may read: with <see cref="Q"/>, a ranked full-text search (mistyped words
/// corrected); otherwise by title. Council staff see published articles for their audience only; the
/// shared ICT team sees every state and may filter by <see cref="Status"/> (comma list).
/// </summary>
public sealed record ListArticles(string? Q = null, int? ServiceId = null, string? Status = null, int? Page = null, int? PageSize = null)
    : IRequest<ArticleList>;

public sealed class ListArticlesValidator : AbstractValidator<ListArticles>
{
    public ListArticlesValidator()
    {
        RuleFor(x => x.Q).MaximumLength(500).WithMessage("q must be 500 characters or fewer.");
        RuleFor(x => x.Status).Must(s => s is null || s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).All(TextRules.IsName<ArticleStatus>))
            .WithMessage($"status must be a comma list of {TextRules.Names<ArticleStatus>()}.");
        RuleFor(x => x.Page).GreaterThanOrEqualTo(1).When(x => x.Page is not null).WithMessage("page must be 1 or more.");
        RuleFor(x => x.PageSize).InclusiveBetween(1, 100).When(x => x.PageSize is not null).WithMessage("pageSize must be between 1 and 100.");
    }
}

public sealed class ListArticlesHandler(IServiceDeskDb db, ArticleLibrary library) : IRequestHandler<ListArticles, ArticleList>
{
    public async Task<ArticleList> Handle(ListArticles request, CancellationToken ct)
    {
        var viewer = await library.ViewerAsync(ct);
        var page = request.Page ?? 1;
        var size = request.PageSize ?? 20;
        var articles = viewer.Visible(db.Articles);
        if (request.Status is { } status && viewer.SeesAllCouncils)
        {
            var wanted = status.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(s => Enum.Parse<ArticleStatus>(s, true)).ToList();
            articles = articles.Where(a => wanted.Contains(a.Status));
        }
        else articles = articles.Where(a => a.Status == ArticleStatus.Published);
        if (request.ServiceId is int serviceId) articles = articles.Where(a => a.Services.Any(s => s.ServiceId == serviceId));

        if (await library.SearchAsync(articles, request.Q, page, size, ct) is { } found) return found;
        var total = await articles.CountAsync(ct);
        var ids = await articles.OrderBy(a => a.Title).ThenBy(a => a.Id).Skip((page - 1) * size).Take(size).Select(a => a.Id).ToListAsync(ct);
        return new ArticleList(await library.SummariesAsync(ids, ct), total, page, size);
    }
}

/// <summary>
/// One article the caller may read (anything else: 404). Reading a published article counts as a
/// view for the reader's council (the shared ICT team's own reading is not counted).
/// </summary>
public sealed record GetArticle(string Reference, bool CountView = true) : IRequest<ArticleView>;

public sealed class GetArticleHandler(IServiceDeskDb db, ArticleLibrary library) : IRequestHandler<GetArticle, ArticleView>
{
    public async Task<ArticleView> Handle(GetArticle request, CancellationToken ct)
    {
        var viewer = await library.ViewerAsync(ct);
        var id = await library.VisibleIdAsync(viewer, request.Reference, ct);
        if (request.CountView && !viewer.Person.IsSharedIct)
        {
            db.ArticleActivities.Add(new ArticleActivity(id, ArticleActivityKind.Viewed, viewer.PersonId, viewer.Person.MainCouncilId, library.Now));
            await db.SaveChangesAsync(ct);
        }
        return await library.ViewAsync(viewer, id, ct);
    }
}

/// <summary>An article's versions, newest first: who changed what, when, and the words then (the shared ICT team).</summary>
public sealed record GetArticleVersions(string Reference) : IRequest<IReadOnlyList<ArticleVersionView>>;

public sealed class GetArticleVersionsHandler(IServiceDeskDb db, ArticleLibrary library) : IRequestHandler<GetArticleVersions, IReadOnlyList<ArticleVersionView>>
{
    public async Task<IReadOnlyList<ArticleVersionView>> Handle(GetArticleVersions request, CancellationToken ct)
    {
        var viewer = await library.ViewerAsync(ct);
        var id = await library.VisibleIdAsync(viewer, request.Reference, ct);
        viewer.RequireSharedIct("An article's version history is for the shared ICT team.");
        return await db.ArticleVersions.AsNoTracking().Where(v => v.ArticleId == id)
            .OrderByDescending(v => v.Number).ThenByDescending(v => v.Id)
            .Select(v => new ArticleVersionView(v.Number, v.At, v.ActorName, v.Change, v.Title, v.Body, v.Category, v.Keywords, v.Audience, v.Status))
            .ToListAsync(ct);
    }
}

/// <summary>
/// The published articles that best match what a requester is typing about their problem (the report
/// form's summary and description): at most <see cref="Limit"/>, best first, only those they may read.
/// </summary>
public sealed record SuggestArticles(string? Text, int Limit = 3) : IRequest<ArticleList>;

public sealed class SuggestArticlesValidator : AbstractValidator<SuggestArticles>
{
    public SuggestArticlesValidator()
    {
        RuleFor(x => x.Text).MaximumLength(TextRules.DescriptionMax + TextRules.TitleMax).WithMessage("text is too long.");
        RuleFor(x => x.Limit).InclusiveBetween(1, 10).WithMessage("limit must be between 1 and 10.");
    }
}

public sealed class SuggestArticlesHandler(IServiceDeskDb db, ArticleLibrary library) : IRequestHandler<SuggestArticles, ArticleList>
{
    public async Task<ArticleList> Handle(SuggestArticles request, CancellationToken ct)
    {
        var viewer = await library.ViewerAsync(ct);
        var articles = viewer.Visible(db.Articles).Where(a => a.Status == ArticleStatus.Published);
        return await library.SearchAsync(articles, request.Text, 1, request.Limit, ct) ?? new ArticleList([], 0, 1, request.Limit);
    }
}

/// <summary>
/// Articles that may answer a ticket, for the desk working it: published ones its requester's council
/// may read (so a link sent in a reply opens for them), and desk-only notes, marked as such.
/// </summary>
public sealed record SuggestArticlesForTicket(string TicketReference, int Limit = 5) : IRequest<ArticleList>;

public sealed class SuggestArticlesForTicketHandler(IServiceDeskDb db, ViewerLoader viewers, ArticleLibrary library)
    : IRequestHandler<SuggestArticlesForTicket, ArticleList>
{
    public async Task<ArticleList> Handle(SuggestArticlesForTicket request, CancellationToken ct)
    {
        var (viewer, ticket) = await viewers.LoadTicketAsync(request.TicketReference, ct);
        if (!viewer.CanWork(ticket)) throw new ForbiddenException("Suggested articles are for the desk working the ticket.");
        var council = ticket.CouncilId;
        var articles = viewer.Visible(db.Articles).Where(a => a.Status == ArticleStatus.Published
            && (a.Audience == ArticleAudience.AllCouncils || a.Audience == ArticleAudience.DeskStaff
                || a.Audience == ArticleAudience.ChosenCouncils && a.Councils.Any(c => c.CouncilId == council)));
        return await library.SearchAsync(articles, ticket.Title + " " + ticket.Description, 1, request.Limit, ct)
            ?? new ArticleList([], 0, 1, request.Limit);
    }
}
