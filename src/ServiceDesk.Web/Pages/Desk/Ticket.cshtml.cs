using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using ServiceDesk.Core.Access;
using ServiceDesk.Core.Features.CannedReplies;
using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Features.Accounts;
using ServiceDesk.Core.Features.Knowledge;
using ServiceDesk.Core.Features.Partnership;
using ServiceDesk.Core.Features.Tickets;
using ServiceDesk.Web.Security;

namespace ServiceDesk.Web.Pages.Desk;

/// <summary>
/// A ticket in the workspace: timeline of replies, notes and history; reply or note, take,
/// assign, change status and priority; the SLA and OLA clocks; the requester's other tickets;
/// for shared ICT staff, the problem an incident is linked to and the known errors that may apply;
/// help articles that may answer it, each with a link to put in the reply, and a draft article from
/// its resolution.
/// </summary>
[Authorize(Policy = DeskPolicies.DeskStaff)]
public sealed class TicketModel(IMediator mediator, ViewerLoader viewers, IOptions<AccountOptions> site) : DeskPageModel(mediator)
{
    /// <summary>An article to put a link to in the reply box (without script: the link reloads the page with it).</summary>
    [BindProperty(SupportsGet = true)] public string? InsertArticle { get; set; }

    public ArticleList SuggestedArticles { get; private set; } = new([], 0, 1, 5);
    public bool IsSharedIct { get; private set; }

    /// <summary>The words put in a reply for an article: its title and its address in Help and guidance.</summary>
    public string ArticleLinkText(string reference, string title) => $"{title}: {site.Value.SiteAddress.TrimEnd('/')}/help/{reference}";

    [BindProperty(SupportsGet = true)] public string Reference { get; set; } = "";
    [BindProperty] public int? Version { get; set; }
    [BindProperty] public string? Body { get; set; }
    [BindProperty] public string? Visibility { get; set; }
    [BindProperty] public int? ResolverGroupId { get; set; }
    [BindProperty] public string? AssigneeEmail { get; set; }
    [BindProperty] public string? Status { get; set; }
    [BindProperty] public string? Resolution { get; set; }
    [BindProperty] public string? Impact { get; set; }
    [BindProperty] public string? Urgency { get; set; }
    [BindProperty] public string? ProblemReference { get; set; }
    [BindProperty(Name = "file")] public IFormFile? Upload { get; set; }
    [BindProperty] public int? CannedReplyId { get; set; }
    [BindProperty(SupportsGet = true)] public string? CannedQ { get; set; }

    // Links, merge and major incidents (see _Related).
    [BindProperty] public string? LinkTicketReference { get; set; }
    [BindProperty] public string? LinkKind { get; set; }
    [BindProperty] public string? Into { get; set; }
    [BindProperty] public string? ChildTicket { get; set; }
    [BindProperty] public string? UpdateBody { get; set; }

    /// <summary>The original a merge would go into, shown for confirmation before anything changes.</summary>
    public TicketView? MergeInto { get; private set; }

    // The outage of a P1 or major incident, in UK time as typed (datetime-local).
    [BindProperty] public string? OutageStartedAt { get; set; }
    [BindProperty] public string? OutageEndedAt { get; set; }
    [BindProperty] public List<int> ServiceIds { get; set; } = [];
    public IReadOnlyList<CatalogueServiceView> Services { get; private set; } = [];

    public TicketView Ticket { get; private set; } = null!;
    public IReadOnlyList<HistoryView> History { get; private set; } = [];
    public IReadOnlyList<ResolverGroupView> Groups { get; private set; } = [];
    public IReadOnlyList<TicketSummary> OtherTickets { get; private set; } = [];
    public IReadOnlyList<CannedReplyView> CannedReplies { get; private set; } = [];
    public bool IsAgent { get; private set; }
    [TempData] public string? Done { get; set; }

    public override async Task LoadAsync(CancellationToken ct)
    {
        var viewer = await viewers.LoadAsync(ct);
        IsAgent = viewer.IsAgent;
        IsSharedIct = viewer.SeesAllCouncils;
        Ticket = await Mediator.Send(new GetTicket(Reference), ct);
        History = await Mediator.Send(new GetTicketHistory(Reference), ct);
        Groups = await Mediator.Send(new ListResolverGroups(), ct);
        try { SuggestedArticles = await Mediator.Send(new SuggestArticlesForTicket(Reference), ct); }
        catch (ForbiddenException) { SuggestedArticles = new([], 0, 1, 5); }
        OtherTickets = (await Mediator.Send(new ListTickets(Requester: Ticket.Requester.Email, PageSize: 6, Sort: "-created"), ct))
            .Items.Where(t => t.Reference != Ticket.Reference).Take(5).ToList();
        CannedReplies = await FilteredAsync(new ListCannedReplies(Q: CannedQ, Ticket: Reference), ct) ?? [];
        if (IsSharedIct && Ticket.Type == TicketType.Incident && Ticket.Related is { RunsAroundTheClock: true })
            Services = await Mediator.Send(new ListCatalogue(), ct);
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (InsertArticle is { } reference && string.IsNullOrEmpty(Body))
        {
            var article = await Mediator.Send(new GetArticle(reference, CountView: false), ct);
            Body = $"This article should help: {ArticleLinkText(article.Reference, article.Title)}";
        }
    }

    public async Task<IActionResult> OnPostDraftArticleAsync(CancellationToken ct)
    {
        var article = await Mediator.Send(new DraftArticleFromTicket(Reference), ct);
        TempData["Saved"] = $"{article.Reference} drafted from {Reference}'s resolution. Check it, then publish it.";
        return Redirect($"/desk/articles/{article.Reference}");
    }

    /// <summary>The timeline alone, for the live page.</summary>
    public async Task<IActionResult> OnGetConversationAsync(CancellationToken ct)
    {
        Ticket = await Mediator.Send(new GetTicket(Reference), ct);
        History = await Mediator.Send(new GetTicketHistory(Reference), ct);
        return Partial("_Conversation", new ConversationModel(Ticket, History));
    }

    public Task<IActionResult> OnPostCommentAsync(CancellationToken ct) =>
        Act(new AddComment(Reference, Body, Internal: Visibility == "internal"), Visibility == "internal" ? "Internal note added." : "Reply sent to the requester.", ct);

    public Task<IActionResult> OnPostTakeAsync(CancellationToken ct) =>
        Act(new TakeTicket(Reference, Version), "You own this ticket.", ct);

    public Task<IActionResult> OnPostAssignAsync(CancellationToken ct) =>
        Act(new AssignTicket(Reference, ResolverGroupId, string.IsNullOrWhiteSpace(AssigneeEmail) ? null : AssigneeEmail, Version), "Assigned.", ct);

    public Task<IActionResult> OnPostStatusAsync(CancellationToken ct) =>
        Act(new ChangeTicketStatus(Reference, Status, Resolution, Version), "Status changed.", ct);

    public Task<IActionResult> OnPostPriorityAsync(CancellationToken ct) =>
        Act(new ReprioritiseTicket(Reference, Impact, Urgency, Version), "Priority changed.", ct);

    /// <summary>One click: the known error's workaround goes to the requester and the incident is linked to its problem.</summary>
    public Task<IActionResult> OnPostWorkaroundAsync(CancellationToken ct) =>
        Act(new ServiceDesk.Core.Features.Problems.ApplyWorkaround(Reference, ProblemReference, Version),
            $"Workaround sent to the requester; the incident is linked to {ProblemReference}.", ct);

    /// <summary>
    /// Inserts a canned reply, filled in for this ticket, after what the agent has typed; the page
    /// comes back with the text in the box to edit and send (no script needed).
    /// </summary>
    public async Task<IActionResult> OnPostInsertAsync(CancellationToken ct)
    {
        var filled = await Mediator.Send(new FillCannedReply(Reference, CannedReplyId ?? 0), ct);
        Body = string.IsNullOrWhiteSpace(Body) ? filled.Text : Body.TrimEnd() + "\n\n" + filled.Text;
        ModelState.Remove(nameof(Body));
        CannedQ = null;
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>Agents attach files too (a screenshot, a log), as requesters do.</summary>
    public async Task<IActionResult> OnPostFileAsync(CancellationToken ct)
    {
        if (await FilesModel.CommandAsync(Reference, Upload, ModelState, ct) is not { } attach)
        {
            await LoadAsync(ct);
            return Page();
        }
        return await Act(attach, $"{Path.GetFileName(attach.FileName)} has been added.", ct);
    }

    public Task<IActionResult> OnPostLinkAsync(CancellationToken ct) =>
        Act(new LinkTicket(Reference, LinkTicketReference, LinkKind, Version), $"Linked to {LinkTicketReference?.Trim()}.", ct);

    public Task<IActionResult> OnPostUnlinkAsync(CancellationToken ct) =>
        Act(new UnlinkTicket(Reference, LinkTicketReference, Version), $"The link to {LinkTicketReference?.Trim()} is removed.", ct);

    /// <summary>The first step of a merge: the page asks to confirm, naming both tickets; nothing changes yet.</summary>
    public async Task<IActionResult> OnPostMergeAsync(CancellationToken ct)
    {
        await new MergeTicketValidator().ValidateAndThrowAsync(new MergeTicket(Reference, Into, Version), ct);
        await LoadAsync(ct);
        TicketView original;
        try { original = await Mediator.Send(new GetTicket(Into!.Trim()), ct); }
        catch (NotFoundException) { throw new FieldException("into", $"There is no ticket {Into!.Trim()} that you can see."); }
        if (original.Reference == Ticket.Reference) throw new FieldException("into", $"{Reference} cannot be merged into itself.");
        if (original.Council.Code != Ticket.Council.Code)
            throw new FieldException("into", $"{original.Reference} is another council's ticket: only tickets of the same council can be merged.");
        MergeInto = original;
        return Page();
    }

    public Task<IActionResult> OnPostMergeConfirmedAsync(CancellationToken ct) =>
        Act(new MergeTicket(Reference, Into, Version), $"Merged into {Into?.Trim()}; the requester has been told.", ct);

    public Task<IActionResult> OnPostDeclareMajorAsync(CancellationToken ct) =>
        Act(new DeclareMajorIncident(Reference, Version), "Declared a major incident: its clocks run 24×7.", ct);

    public Task<IActionResult> OnPostAttachChildAsync(CancellationToken ct) =>
        ForField("ticket", "childTicket", () => Act(new AttachToMajorIncident(Reference, ChildTicket, Detach: false, Version), $"{ChildTicket?.Trim()} is attached to this major incident.", ct));

    public Task<IActionResult> OnPostDetachChildAsync(CancellationToken ct) =>
        ForField("ticket", "childTicket", () => Act(new AttachToMajorIncident(Reference, ChildTicket, Detach: true, Version), $"{ChildTicket?.Trim()} is detached from this major incident.", ct));

    public Task<IActionResult> OnPostMajorUpdateAsync(CancellationToken ct) =>
        ForField("body", "updateBody", () => Act(new PublishMajorIncidentUpdate(Reference, UpdateBody, Version), "Update sent to everyone affected.", ct));

    /// <summary>
    /// The page has two boxes a use case calls by one name (the reply's and the update's "body", the
    /// link's and the child's "ticket"): a refusal is named against the box of this form.
    /// </summary>
    private static async Task<IActionResult> ForField(string field, string box, Func<Task<IActionResult>> act)
    {
        try
        {
            return await act();
        }
        catch (ValidationException refused) when (refused.Errors.Any(e => FieldKey(e.PropertyName) == field))
        {
            throw new ValidationException(refused.Errors.Select(e => FieldKey(e.PropertyName) == field
                ? new FluentValidation.Results.ValidationFailure(box, e.ErrorMessage) : e));
        }
        catch (FieldException refused) when (refused.Field == field)
        {
            throw new FieldException(box, refused.Message);
        }
    }

    /// <summary>Records the outage (start, end, services affected), typed in UK time.</summary>
    public Task<IActionResult> OnPostOutageAsync(CancellationToken ct) =>
        Act(new RecordOutage(Reference, UkTime(OutageStartedAt, "outageStartedAt"), UkTime(OutageEndedAt, "outageEndedAt"), Version,
            ServiceIds.Count == 0 ? null : ServiceIds), "Outage recorded.", ct);

    /// <summary>A datetime-local value ("2026-12-03T09:30") in UK time, as UTC; empty is none; anything else names the field.</summary>
    private static DateTime? UkTime(string? typed, string field)
    {
        if (string.IsNullOrWhiteSpace(typed)) return null;
        if (!DateTime.TryParseExact(typed.Trim(), ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm"], System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.None, out var local))
            throw new FieldException(field, "Enter a date and time, such as 3 December 2026 09:30.");
        var london = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        // A time inside the spring-forward gap does not exist on UK clocks: it means the hour after.
        if (london.IsInvalidTime(local)) local = local.AddHours(1);
        return TimeZoneInfo.ConvertTimeToUtc(local, london);
    }

    private async Task<IActionResult> Act(IRequest<TicketView> command, string done, CancellationToken ct)
    {
        await Mediator.Send(command, ct);
        Done = done;
        return Redirect($"/desk/tickets/{Reference}");
    }
}
