using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ServiceDesk.Core.Abstractions;
using ServiceDesk.Core.Access;
using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Domain.Knowledge;
using ServiceDesk.Core.Domain.Tickets;

namespace ServiceDesk.Core.Features.Knowledge;

/// <summary>The input rules article commands share.</summary>
internal static class ArticleRules
{
    public static IRuleBuilderOptions<T, string?> ArticleTitle<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().WithMessage("Give the article a title.")
            .MaximumLength(TextRules.TitleMax).WithMessage($"The title must be {TextRules.TitleMax} characters or fewer.");

    public static IRuleBuilderOptions<T, string?> ArticleBody<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().WithMessage("Write the article's body (Markdown).")
            .MaximumLength(TextRules.DescriptionMax).WithMessage($"The body must be {TextRules.DescriptionMax} characters or fewer.");

    public static IRuleBuilderOptions<T, string?> ArticleCategory<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MaximumLength(Article.CategoryMax).WithMessage($"The category must be {Article.CategoryMax} characters or fewer.");

    public static IRuleBuilderOptions<T, IReadOnlyList<string>?> ArticleKeywords<T>(this IRuleBuilder<T, IReadOnlyList<string>?> rule) =>
        rule.Must(k => k is null || k.All(w => w is not null) && string.Join(", ", k).Length <= Article.KeywordsMax)
            .WithMessage($"Keywords must be {Article.KeywordsMax} characters or fewer in all.");

    public static IRuleBuilderOptions<T, string?> ArticleAudienceName<T>(this IRuleBuilder<T, string?> rule) =>
        rule.OptionalEnum<T, ArticleAudience>("audience");

    public static IRuleBuilderOptions<T, IReadOnlyList<string>?> CouncilCodes<T>(this IRuleBuilder<T, IReadOnlyList<string>?> rule) =>
        rule.Must(c => c is null || c.Count <= 50 && c.All(code => !string.IsNullOrWhiteSpace(code) && code.Length <= 20))
            .WithMessage("councils must be council codes, such as MBC.");

    public static IRuleBuilderOptions<T, string?> OwnerEmail<T>(this IRuleBuilder<T, string?> rule) =>
        rule.EmailAddress().MaximumLength(254).WithMessage("ownerEmail must be an email address.");
}

/// <summary>
/// Drafts a knowledge article (the shared ICT team): title, Markdown body, services, category,
/// keywords, audience (councils chosen by code for ChosenCouncils), owner (default: the author) and
/// review date. Nobody else sees it until it is published.
/// </summary>
public sealed record DraftArticle(
    string? Title, string? Body, IReadOnlyList<int>? ServiceIds = null, string? Category = null, IReadOnlyList<string>? Keywords = null,
    string? Audience = null, IReadOnlyList<string>? Councils = null, string? OwnerEmail = null, DateOnly? ReviewOn = null, bool Publish = false)
    : IRequest<ArticleView>;

public sealed class DraftArticleValidator : AbstractValidator<DraftArticle>
{
    public DraftArticleValidator()
    {
        RuleFor(x => x.Title).ArticleTitle();
        RuleFor(x => x.Body).ArticleBody();
        RuleFor(x => x.Category).ArticleCategory();
        RuleFor(x => x.Keywords).ArticleKeywords();
        RuleFor(x => x.Audience).ArticleAudienceName();
        RuleFor(x => x.Councils).CouncilCodes();
        RuleFor(x => x.ServiceIds).Must(s => s is null || s.Count <= 50).WithMessage("Name at most 50 services (serviceIds).");
        RuleFor(x => x.OwnerEmail).OwnerEmail().When(x => x.OwnerEmail is not null);
    }
}

public sealed class DraftArticleHandler(IServiceDeskDb db, ArticleLibrary library) : IRequestHandler<DraftArticle, ArticleView>
{
    public async Task<ArticleView> Handle(DraftArticle request, CancellationToken ct)
    {
        var viewer = await library.AuthorAsync(ct);
        var content = await library.ContentAsync(request.Title!, request.Body!, request.Category, request.Keywords, request.Audience,
            request.Councils, request.ServiceIds, request.ReviewOn, ct);
        var owner = request.OwnerEmail is { } email ? await library.OwnerAsync(email, ct) : viewer.Person;
        var actor = Actor.Of(viewer.Person);
        var article = Article.Draft(content, owner, actor, library.Now);
        if (request.Publish) article.Publish(actor, library.Now, library.Today);
        db.Articles.Add(article);
        return await library.SaveAsync(viewer, article, ct);
    }
}

/// <summary>Changes an article's words and settings (fields left out stay as they are); each change is a new version.</summary>
public sealed record EditArticle(
    string Reference, string? Title = null, string? Body = null, IReadOnlyList<int>? ServiceIds = null, string? Category = null,
    IReadOnlyList<string>? Keywords = null, string? Audience = null, IReadOnlyList<string>? Councils = null, string? OwnerEmail = null,
    DateOnly? ReviewOn = null, int? ExpectedVersion = null) : IRequest<ArticleView>;

public sealed class EditArticleValidator : AbstractValidator<EditArticle>
{
    public EditArticleValidator()
    {
        RuleFor(x => x.Title).ArticleTitle().When(x => x.Title is not null);
        RuleFor(x => x.Body).ArticleBody().When(x => x.Body is not null);
        RuleFor(x => x.Category).ArticleCategory();
        RuleFor(x => x.Keywords).ArticleKeywords();
        RuleFor(x => x.Audience).ArticleAudienceName();
        RuleFor(x => x.Councils).CouncilCodes();
        RuleFor(x => x.ServiceIds).Must(s => s is null || s.Count <= 50).WithMessage("Name at most 50 services (serviceIds).");
        RuleFor(x => x.OwnerEmail).OwnerEmail().When(x => x.OwnerEmail is not null);
    }
}

public sealed class EditArticleHandler(IServiceDeskDb db, ArticleLibrary library) : IRequestHandler<EditArticle, ArticleView>
{
    public async Task<ArticleView> Handle(EditArticle request, CancellationToken ct)
    {
        var (viewer, article) = await library.OpenAsync(request.Reference, request.ExpectedVersion, ct);
        var councilCodes = request.Councils;
        if (councilCodes is null && (request.Audience is null || Enum.Parse<ArticleAudience>(request.Audience, true) == ArticleAudience.ChosenCouncils))
        {
            var ids = article.Councils.Select(c => c.CouncilId).ToList();
            councilCodes = await db.Councils.Where(c => ids.Contains(c.Id)).Select(c => c.Code).ToListAsync(ct);
        }
        var content = await library.ContentAsync(
            request.Title ?? article.Title, request.Body ?? article.Body, request.Category ?? article.Category,
            request.Keywords ?? article.KeywordList, request.Audience ?? article.Audience.ToString(), councilCodes,
            request.ServiceIds ?? article.Services.Select(s => s.ServiceId).ToList(),
            request.ReviewOn, ct);
        // A review date already due stays as it is unless a new one is given.
        content = content with { ReviewOn = request.ReviewOn ?? article.ReviewOn };
        var actor = Actor.Of(viewer.Person);
        article.Edit(content, actor, library.Now);
        if (request.OwnerEmail is { } email) article.AssignOwner(await library.OwnerAsync(email, ct), actor, library.Now);
        return await library.SaveAsync(viewer, article, ct);
    }
}

/// <summary>Moves an article along its life: Published (shown to its audience), Retired (withdrawn) or Draft (to revise).</summary>
public sealed record ChangeArticleStatus(string Reference, string? Status, int? ExpectedVersion = null) : IRequest<ArticleView>;

public sealed class ChangeArticleStatusValidator : AbstractValidator<ChangeArticleStatus>
{
    public ChangeArticleStatusValidator() => RuleFor(x => x.Status).MustBeEnum<ChangeArticleStatus, ArticleStatus>("status");
}

public sealed class ChangeArticleStatusHandler(ArticleLibrary library) : IRequestHandler<ChangeArticleStatus, ArticleView>
{
    public async Task<ArticleView> Handle(ChangeArticleStatus request, CancellationToken ct)
    {
        var (viewer, article) = await library.OpenAsync(request.Reference, request.ExpectedVersion, ct);
        var actor = Actor.Of(viewer.Person);
        switch (Enum.Parse<ArticleStatus>(request.Status!.Trim(), true))
        {
            case ArticleStatus.Published: article.Publish(actor, library.Now, library.Today); break;
            case ArticleStatus.Retired: article.Retire(actor, library.Now); break;
            default: article.ReturnToDraft(actor, library.Now); break;
        }
        return await library.SaveAsync(viewer, article, ct);
    }
}

/// <summary>The owner has checked the article: it is next due for review on the date given (default: a year from today).</summary>
public sealed record MarkArticleReviewed(string Reference, DateOnly? NextReviewOn = null, int? ExpectedVersion = null) : IRequest<ArticleView>;

public sealed class MarkArticleReviewedHandler(ArticleLibrary library) : IRequestHandler<MarkArticleReviewed, ArticleView>
{
    public async Task<ArticleView> Handle(MarkArticleReviewed request, CancellationToken ct)
    {
        var (viewer, article) = await library.OpenAsync(request.Reference, request.ExpectedVersion, ct);
        article.MarkReviewed(request.NextReviewOn ?? library.Today.AddYears(1), library.Today, Actor.Of(viewer.Person), library.Now);
        return await library.SaveAsync(viewer, article, ct);
    }
}

/// <summary>"Did this help?": the reader's answer, counted once per person and article (answering again changes it).</summary>
public sealed record AnswerDidThisHelp(string Reference, bool? Helpful) : IRequest<ArticleView>;

public sealed class AnswerDidThisHelpValidator : AbstractValidator<AnswerDidThisHelp>
{
    public AnswerDidThisHelpValidator() => RuleFor(x => x.Helpful).NotNull().WithMessage("Say whether the article helped (helpful: true or false).");
}

public sealed class AnswerDidThisHelpHandler(IServiceDeskDb db, ArticleLibrary library) : IRequestHandler<AnswerDidThisHelp, ArticleView>
{
    public async Task<ArticleView> Handle(AnswerDidThisHelp request, CancellationToken ct)
    {
        var viewer = await library.ViewerAsync(ct);
        var id = await library.VisibleIdAsync(viewer, request.Reference, ct);
        if (!await db.Articles.AnyAsync(a => a.Id == id && a.Status == ArticleStatus.Published, ct))
            throw new ConflictException($"{request.Reference} is not published; only published articles are rated.");
        var existing = await db.ArticleActivities.FirstOrDefaultAsync(x => x.ArticleId == id && x.PersonId == viewer.PersonId
            && (x.Kind == ArticleActivityKind.Helpful || x.Kind == ArticleActivityKind.NotHelpful), ct);
        if (existing is not null) existing.ChangeVote(request.Helpful!.Value, library.Now);
        else db.ArticleActivities.Add(new ArticleActivity(id, request.Helpful!.Value ? ArticleActivityKind.Helpful : ArticleActivityKind.NotHelpful,
            viewer.PersonId, viewer.Person.MainCouncilId, library.Now));
        await db.SaveChangesAsync(ct);
        return await library.ViewAsync(viewer, id, ct);
    }
}

/// <summary>
/// "This solved it": a requester found the answer in the article instead of raising a ticket. Recorded
/// as a deflected contact for their (main) council, with what they had typed; no ticket is raised.
/// </summary>
public sealed record RecordDeflectedContact(string Reference, string? Summary = null) : IRequest<DeflectedContactView>;

/// <summary>A deflected contact as recorded.</summary>
public sealed record DeflectedContactView(string Article, string Title, DateTime At, string? Council);

public sealed class RecordDeflectedContactValidator : AbstractValidator<RecordDeflectedContact>
{
    public RecordDeflectedContactValidator() =>
        RuleFor(x => x.Summary).MaximumLength(TextRules.DescriptionMax).WithMessage($"summary must be {TextRules.DescriptionMax} characters or fewer.");
}

public sealed class RecordDeflectedContactHandler(IServiceDeskDb db, ArticleLibrary library) : IRequestHandler<RecordDeflectedContact, DeflectedContactView>
{
    public async Task<DeflectedContactView> Handle(RecordDeflectedContact request, CancellationToken ct)
    {
        var viewer = await library.ViewerAsync(ct);
        if (viewer.Person.IsSharedIct)
            throw new ForbiddenException("A deflected contact is a council requester who found the answer; the shared ICT team raises no tickets through the portal.");
        var id = await library.VisibleIdAsync(viewer, request.Reference, ct);
        var article = await db.Articles.AsNoTracking().FirstAsync(a => a.Id == id, ct);
        if (article.Status != ArticleStatus.Published) throw new ConflictException($"{article.Reference} is not published.");
        var summary = string.IsNullOrWhiteSpace(request.Summary) ? null : request.Summary.Trim();
        var at = library.Now;
        db.ArticleActivities.Add(new ArticleActivity(id, ArticleActivityKind.Deflected, viewer.PersonId, viewer.Person.MainCouncilId, at, summary));
        await db.SaveChangesAsync(ct);
        var council = viewer.Person.MainCouncilId is int c ? await db.Councils.Where(x => x.Id == c).Select(x => x.Code).FirstAsync(ct) : null;
        return new DeflectedContactView(article.Reference, article.Title, at, council);
    }
}

/// <summary>
/// Turns a resolved ticket's resolution into a draft article (desk staff who work the ticket): the
/// ticket's title, what was reported and how it was fixed, for its service, for all councils. Its
/// author edits and publishes it; nothing of the requester's is copied but their words of the problem.
/// </summary>
public sealed record DraftArticleFromTicket(string TicketReference) : IRequest<ArticleView>;

public sealed class DraftArticleFromTicketHandler(IServiceDeskDb db, ViewerLoader viewers, ArticleLibrary library) : IRequestHandler<DraftArticleFromTicket, ArticleView>
{
    public async Task<ArticleView> Handle(DraftArticleFromTicket request, CancellationToken ct)
    {
        var (viewer, ticket) = await viewers.LoadTicketAsync(request.TicketReference, ct);
        viewer.RequireSharedIct("Only the shared ICT team writes knowledge articles.");
        if (string.IsNullOrWhiteSpace(ticket.Resolution))
            throw new ConflictException($"{ticket.Reference} has no resolution yet; resolve it first, then draft an article from how it was fixed.");
        var body = $"## The problem\n\n{ticket.Description.Trim()}\n\n## What fixes it\n\n{ticket.Resolution.Trim()}\n";
        var content = new ArticleContent(ticket.Title, body, null, [], ArticleAudience.AllCouncils, [], [ticket.ServiceId], null);
        var article = Article.Draft(content, viewer.Person, Actor.Of(viewer.Person), library.Now, sourceTicketId: ticket.Id);
        db.Articles.Add(article);
        return await library.SaveAsync(viewer, article, ct);
    }
}
