using ServiceDesk.Core.Access;
using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Domain.Tickets;

namespace ServiceDesk.Core.Features.Tickets;

public sealed record PersonRef(string Name, string Email);
public sealed record CouncilRef(string Code, string Name);
public sealed record ServiceRef(int Id, string Name, ServiceTier Tier);
public sealed record GroupRef(int Id, string Name);

/// <summary>A public reply or internal note as a reader sees it.</summary>
public sealed record CommentView(int Id, PersonRef Author, string Body, bool Internal, DateTime CreatedAt);

/// <summary>A ticket in full, with the conversation the viewer may read.</summary>
public sealed record TicketView(
    string Reference, TicketType Type, string Title, string Description, TicketStatus Status,
    Priority Priority, Impact Impact, Urgency Urgency, Channel Channel,
    CouncilRef Council, ServiceRef Service, string? Category, PersonRef Requester,
    PersonRef? Owner, GroupRef? ResolverGroup, PersonRef? Assignee,
    DateTime CreatedAt, DateTime UpdatedAt, DateTime? FirstRespondedAt, DateTime? ResolvedAt,
    string? Resolution, DateTime? ReopenUntil, DateTime? ClosedAt, int Version,
    IReadOnlyList<TicketStatus> NextStatuses, IReadOnlyList<CommentView> Conversation);

/// <summary>A row of a ticket list.</summary>
public sealed record TicketSummary(
    string Reference, TicketType Type, string Title, TicketStatus Status, Priority Priority,
    string CouncilCode, string Service, string Requester, string? Owner, string? ResolverGroup,
    string? Assignee, Channel Channel, DateTime CreatedAt, DateTime UpdatedAt);

/// <summary>One page of results with the total the filters match.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize);

/// <summary>One line of a ticket's history.</summary>
public sealed record HistoryView(DateTime At, string By, string Change, string? From, string? To);

internal static class TicketViewMapping
{
    public static PersonRef Ref(Person p) => new(p.DisplayName, p.Email);

    /// <summary>Maps a ticket loaded with its parts; internal notes only for staff who may work it.</summary>
    public static TicketView ToView(Ticket t, Viewer viewer) => new(
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
        t.Comments
            .Where(c => !c.IsInternal || viewer.CanWork(t))
            .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .Select(c => new CommentView(c.Id, Ref(c.Author!), c.Body, c.IsInternal, c.CreatedAt))
            .ToList());
}
