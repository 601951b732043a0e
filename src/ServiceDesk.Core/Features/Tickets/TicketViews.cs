using System.Text.Json.Serialization;
using ServiceDesk.Core.Access;
using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Domain.Calendars;
using ServiceDesk.Core.Domain.Sla;
using ServiceDesk.Core.Domain.Tickets;

namespace ServiceDesk.Core.Features.Tickets;

public sealed record PersonRef(string Name, string Email);
public sealed record CouncilRef(string Code, string Name);
public sealed record ServiceRef(int Id, string Name, ServiceTier Tier);
public sealed record GroupRef(int Id, string Name);

/// <summary>A public reply or internal note as a reader sees it.</summary>
public sealed record CommentView(int Id, PersonRef Author, string Body, bool Internal, DateTime CreatedAt);

/// <summary>
/// A ticket in full, with the conversation the viewer may read. For shared ICT staff, also the problem
/// an incident is linked to and the published known errors of its service, to apply with one click.
/// </summary>
public sealed record TicketView(
    string Reference, TicketType Type, string Title, string Description, TicketStatus Status,
    Priority Priority, Impact Impact, Urgency Urgency, Channel Channel,
    CouncilRef Council, ServiceRef Service, string? Category, PersonRef Requester,
    PersonRef? Owner, GroupRef? ResolverGroup, PersonRef? Assignee,
    DateTime CreatedAt, DateTime UpdatedAt, DateTime? FirstRespondedAt, DateTime? ResolvedAt,
    string? Resolution, DateTime? ReopenUntil, DateTime? ClosedAt, int Version,
    IReadOnlyList<TicketStatus> NextStatuses, SlaView Sla, OlaView? Ola, IReadOnlyList<CommentView> Conversation,
    IReadOnlyList<AttachmentView> Attachments, string? FollowsUp, SatisfactionView? Satisfaction,
    int Quantity, IReadOnlyList<ApprovalStepView> Approvals,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Problems.ProblemLinkView? Problem = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<Problems.KnownErrorView>? KnownErrors = null,
    RelatedTicketsView? Related = null);

/// <summary>Another ticket as this one refers to it: a link (how this ticket reads it), the major incident, a child.</summary>
public sealed record LinkedTicketView(string Reference, string Title, TicketStatus Status, string CouncilCode, string? Link = null);

/// <summary>
/// The tickets related to this one that the viewer may see (others are left out, never hinted at):
/// its links both ways, the ticket it was merged into, and for a major incident its children, or for
/// a child the major incident it is part of.
/// </summary>
public sealed record RelatedTicketsView(
    IReadOnlyList<LinkedTicketView> Links, bool IsMajorIncident, LinkedTicketView? MajorIncident,
    IReadOnlyList<LinkedTicketView> Children, string? MergedInto, bool RunsAroundTheClock);

/// <summary>One approval step of a priced request as its readers see it.</summary>
public sealed record ApprovalStepView(int Id, ApprovalStage Stage, ApprovalStatus Status, DateTime RequestedAt,
    string? DecidedBy, DateTime? DecidedAt, string? Reason, bool ByEmail);

/// <summary>The requester's rating of how the ticket was handled.</summary>
public sealed record SatisfactionView(int Rating, string? Comment, DateTime RatedAt);

/// <summary>A file on a ticket; its content is at /api/v1/tickets/{reference}/attachments/{id}.</summary>
public sealed record AttachmentView(long Id, string FileName, string ContentType, long Size, DateTime CreatedAt);

/// <summary>One clock as a reader sees it: when it is due, where it stands, and business minutes left (negative once overdue).</summary>
public sealed record ClockView(
    ClockState State, int TargetBusinessMinutes, DateTime? StartedAt, DateTime? DueAt, int RemainingBusinessMinutes,
    int PausedBusinessMinutes, DateTime? WarnedAt, DateTime? MetAt, DateTime? BreachedAt);

/// <summary>The ticket's SLA to its requester.</summary>
public sealed record SlaView(ClockView? Response, ClockView? Resolution);

/// <summary>The current resolver group's OLA for this assignment.</summary>
public sealed record OlaView(GroupRef ResolverGroup, ClockView? Response, ClockView? Resolution);

/// <summary>What reading a clock needs: the calendar it counts in, the present instant, group names.</summary>
public sealed record ClockReading(BusinessCalendar Calendar, DateTime Now, IReadOnlyDictionary<int, string> GroupNames);

/// <summary>A row of a ticket list.</summary>
public sealed record TicketSummary(
    string Reference, TicketType Type, string Title, TicketStatus Status, Priority Priority,
    string CouncilCode, string Service, string Requester, string? Owner, string? ResolverGroup,
    string? Assignee, Channel Channel, DateTime CreatedAt, DateTime UpdatedAt, ClockState SlaState, DateTime? SlaDueAt);

/// <summary>
/// One page of results with the total the filters match. Ticket lists count up to a cap: past it,
/// Total is the cap and TotalIsCapped is true ("10,000+"); they also give the cursors of the pages
/// either side (Previous, Next), absent at either end.
/// </summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool TotalIsCapped = false,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Previous = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Next = null);

/// <summary>One line of a ticket's history.</summary>
public sealed record HistoryView(DateTime At, string By, string Change, string? From, string? To);

internal static class TicketViewMapping
{
    public static PersonRef Ref(Person p) => new(p.DisplayName, p.Email);

    /// <summary>Maps a ticket loaded with its parts; internal notes only for staff who may work it.</summary>
    public static TicketView ToView(Ticket t, Viewer viewer, ClockReading clocks, IReadOnlyList<AttachmentView> attachments) => new(
        t.Reference, t.Type, t.Title, t.Description, t.Status, t.Priority, t.Impact, t.Urgency, t.Channel,
        new CouncilRef(t.Council!.Code, t.Council.Name),
        new ServiceRef(t.Service!.Id, t.Service.Name, t.Service.Tier),
        t.Category?.Name,
        Ref(t.Requester!),
        t.Owner is null ? null : Ref(t.Owner),
        t.ResolverGroup is null ? null : new GroupRef(t.ResolverGroup.Id, t.ResolverGroup.Name),
        t.Assignee is null ? null : Ref(t.Assignee),
        t.CreatedAt, t.UpdatedAt, t.FirstRespondedAt, t.ResolvedAt, t.Resolution, t.ReopenUntil, t.ClosedAt, t.Version,
        viewer.CanWork(t) ? TicketLifecycle.NextFrom(t.Status) : [],
        new SlaView(Clock(t.ClockOf(ClockKind.Response), clocks), Clock(t.ClockOf(ClockKind.Resolution), clocks)),
        Ola(t, clocks),
        t.Comments
            .Where(c => !c.IsInternal || viewer.CanWork(t))
            .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .Select(c => new CommentView(c.Id, Ref(c.Author!), c.Body, c.IsInternal, c.CreatedAt))
            .ToList(),
        attachments,
        t.FollowsUpId is long f ? TicketReference.Format(f) : null,
        t.SatisfactionRating is int rating ? new SatisfactionView(rating, t.SatisfactionComment, t.RatedAt!.Value) : null,
        t.Quantity,
        t.Approvals.OrderBy(a => a.Stage).Select(Step).ToList());

    public static ApprovalStepView Step(TicketApproval a) =>
        new(a.Id, a.Stage, a.Status, a.RequestedAt, a.DecidedByName, a.DecidedAt, a.Reason, a.ByEmail);

    private static OlaView? Ola(Ticket t, ClockReading clocks)
    {
        var response = t.ClockOf(ClockKind.OlaResponse);
        var resolution = t.ClockOf(ClockKind.OlaResolution);
        var groupId = response?.ResolverGroupId ?? resolution?.ResolverGroupId;
        if (groupId is not int g) return null;
        return new OlaView(new GroupRef(g, clocks.GroupNames.GetValueOrDefault(g, $"#{g}")), Clock(response, clocks), Clock(resolution, clocks));
    }

    private static ClockView? Clock(SlaClock? c, ClockReading r) => c is null ? null : new(
        c.State, c.TargetMinutes, c.StartedAt, c.DueAt, c.RemainingMinutes(r.Now, r.Calendar), c.PausedMinutes,
        c.WarnedAt, c.MetAt, c.BreachedAt);
}
