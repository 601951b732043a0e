using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using ServiceDesk.Core.Features.Knowledge;

namespace ServiceDesk.Web.Api;

/// <summary>
/// Knowledge articles: search and read (everyone, within the article's audience; anything else 404),
/// "Did this help?", deflected contacts, and writing, publishing, retiring and reviewing (the shared
/// ICT team). Changes take If-Match with the ETag (the article's version).
/// </summary>
public static class ArticlesEndpoints
{
    public sealed record ArticleRequest(
        string? Title, string? Body, IReadOnlyList<int>? ServiceIds, string? Category, IReadOnlyList<string>? Keywords,
        string? Audience, IReadOnlyList<string>? Councils, string? OwnerEmail, DateOnly? ReviewOn, bool? Publish);
    public sealed record ArticleStatusRequest(string? Status);
    public sealed record ReviewedRequest(DateOnly? NextReviewOn);
    public sealed record FeedbackRequest(bool? Helpful);
    public sealed record DeflectRequest(string? Summary);

    public static RouteGroupBuilder MapArticlesEndpoints(this RouteGroupBuilder api)
    {
        var articles = api.MapGroup("/articles").WithTags("Knowledge articles");

        articles.MapGet("/", async Task<Ok<ArticleList>> (string? q, int? serviceId, string? status, int? page, int? pageSize, IMediator m, CancellationToken ct) =>
            TypedResults.Ok(await m.Send(new ListArticles(q, serviceId, status, page, pageSize), ct)))
        .WithSummary("Articles you may read: q (full text, ranked, mistyped words corrected: didYouMean), serviceId; the shared ICT team may filter by status (comma list).")
        .ProducesValidationProblem();

        articles.MapGet("/suggestions", async Task<Ok<ArticleList>> (string? text, int? limit, IMediator m, CancellationToken ct) =>
            TypedResults.Ok(await m.Send(new SuggestArticles(text, limit ?? 3), ct)))
        .WithSummary("The published articles that best match what someone is typing about their problem (text), best first (limit, default 3).")
        .ProducesValidationProblem();

        articles.MapPost("/", async Task<Created<ArticleView>> (ArticleRequest body, IMediator m, HttpResponse response, CancellationToken ct) =>
        {
            var view = await m.Send(new DraftArticle(body.Title, body.Body, body.ServiceIds, body.Category, body.Keywords, body.Audience,
                body.Councils, body.OwnerEmail, body.ReviewOn, body.Publish ?? false), ct);
            Versioning.SetETag(response, view.Version);
            return TypedResults.Created($"/api/v1/articles/{view.Reference}", view);
        })
        .WithSummary("Draft an article (the shared ICT team): title, body (Markdown), serviceIds, category, keywords, audience " +
            "(AllCouncils, ChosenCouncils with councils, DeskStaff), ownerEmail, reviewOn; publish=true publishes it at once.")
        .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);

        articles.MapGet("/{reference}", async Task<Ok<ArticleView>> (string reference, IMediator m, HttpResponse response, CancellationToken ct) =>
            WithETag(response, await m.Send(new GetArticle(reference), ct)))
        .WithSummary("One article, with its body as Markdown and as sanitised HTML; counts as a view for your council.")
        .ProducesProblem(StatusCodes.Status404NotFound);

        articles.MapGet("/{reference}/versions", async Task<Ok<IReadOnlyList<ArticleVersionView>>> (string reference, IMediator m, CancellationToken ct) =>
            TypedResults.Ok(await m.Send(new GetArticleVersions(reference), ct)))
        .WithSummary("The article's versions, newest first: who changed what and when, with the words then (the shared ICT team).")
        .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        articles.MapPatch("/{reference}", async Task<Ok<ArticleView>> (string reference, ArticleRequest body, HttpRequest request, IMediator m, CancellationToken ct) =>
            WithETag(request.HttpContext.Response, await m.Send(new EditArticle(reference, body.Title, body.Body, body.ServiceIds, body.Category,
                body.Keywords, body.Audience, body.Councils, body.OwnerEmail, body.ReviewOn, Versioning.ExpectedVersion(request)), ct)))
        .WithSummary("Change an article; fields left out stay as they are. Each change is a new version.")
        .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        articles.MapPost("/{reference}/status", async Task<Ok<ArticleView>> (string reference, ArticleStatusRequest body, HttpRequest request, IMediator m, CancellationToken ct) =>
            WithETag(request.HttpContext.Response, await m.Send(new ChangeArticleStatus(reference, body.Status, Versioning.ExpectedVersion(request)), ct)))
        .WithSummary("Publish, retire, or return the article to draft: status Published, Retired or Draft.")
        .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);

        articles.MapPost("/{reference}/reviewed", async Task<Ok<ArticleView>> (string reference, ReviewedRequest body, HttpRequest request, IMediator m, CancellationToken ct) =>
            WithETag(request.HttpContext.Response, await m.Send(new MarkArticleReviewed(reference, body.NextReviewOn, Versioning.ExpectedVersion(request)), ct)))
        .WithSummary("The article was checked: next review on nextReviewOn (default a year from today).")
        .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        articles.MapPost("/{reference}/feedback", async Task<Ok<ArticleView>> (string reference, FeedbackRequest body, IMediator m, CancellationToken ct) =>
            TypedResults.Ok(await m.Send(new AnswerDidThisHelp(reference, body.Helpful), ct)))
        .WithSummary("\"Did this help?\": helpful true or false; one answer per person and article, answering again changes it.")
        .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        articles.MapPost("/{reference}/deflections", async Task<Created<DeflectedContactView>> (string reference, DeflectRequest body, IMediator m, CancellationToken ct) =>
        {
            var view = await m.Send(new RecordDeflectedContact(reference, body.Summary), ct);
            return TypedResults.Created($"/api/v1/articles/{view.Article}", view);
        })
        .WithSummary("\"This solved it\": record a deflected contact (council staff) instead of raising a ticket; summary: what they had typed.")
        .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);

        var tickets = api.MapGroup("/tickets").WithTags("Knowledge articles");

        tickets.MapGet("/{reference}/suggested-articles", async Task<Ok<ArticleList>> (string reference, IMediator m, CancellationToken ct) =>
            TypedResults.Ok(await m.Send(new SuggestArticlesForTicket(reference), ct)))
        .WithSummary("Articles that may answer the ticket, for the desk working it (those its council may read, and desk-only notes).")
        .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        tickets.MapPost("/{reference}/article", async Task<Created<ArticleView>> (string reference, IMediator m, HttpResponse response, CancellationToken ct) =>
        {
            var view = await m.Send(new DraftArticleFromTicket(reference), ct);
            Versioning.SetETag(response, view.Version);
            return TypedResults.Created($"/api/v1/articles/{view.Reference}", view);
        })
        .WithSummary("Draft an article from the ticket's resolution (the shared ICT team; the ticket must have a resolution).")
        .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        return api;
    }

    private static Ok<ArticleView> WithETag(HttpResponse response, ArticleView view)
    {
        Versioning.SetETag(response, view.Version);
        return TypedResults.Ok(view);
    }
}
