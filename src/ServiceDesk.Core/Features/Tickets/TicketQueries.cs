using System.Globalization;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ServiceDesk.Core.Abstractions;
using ServiceDesk.Core.Access;
using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Domain.Sla;
using ServiceDesk.Core.Domain.Tickets;

namespace ServiceDesk.Core.Features.Tickets;

/// <summary>One ticket with its conversation, if the caller may see it.</summary>
public sealed record GetTicket(string Reference) : IRequest<TicketView>;

public sealed class GetTicketHandler(ViewerLoader viewers, TicketWorkspace workspace) : IRequestHandler<GetTicket, TicketView>
{
    public async Task<TicketView> Handle(GetTicket request, CancellationToken ct)
    {
        var viewer = await viewers.LoadAsync(ct);
        if (!TicketReference.TryParse(request.Reference, out var id)) throw new NotFoundException($"Ticket {request.Reference}");
        return await workspace.ViewAsync(viewer, id, ct);
    }
}

/// <summary>A ticket's append-only history, oldest first.</summary>
public sealed record GetTicketHistory(string Reference) : IRequest<IReadOnlyList<HistoryView>>;

public sealed class GetTicketHistoryHandler(IServiceDeskDb db, ViewerLoader viewers) : IRequestHandler<GetTicketHistory, IReadOnlyList<HistoryView>>
{
    public async Task<IReadOnlyList<HistoryView>> Handle(GetTicketHistory request, CancellationToken ct)
    {
        var viewer = await viewers.LoadAsync(ct);
        if (!TicketReference.TryParse(request.Reference, out var id)
            || !await viewer.Visible(db.Tickets).AnyAsync(t => t.Id == id, ct))
            throw new NotFoundException($"Ticket {request.Reference}");
        var staff = viewer.IsStaff;
        // Problems are shared-ICT data: council people never see which problem an incident is linked to.
        var seesProblems = viewer.SeesAllCouncils;
        var problemChanges = Ticket.ProblemChanges.ToList();
        return await db.TicketHistory
            .Where(h => h.TicketId == id && (staff || h.Change != "Internal note") && (seesProblems || !problemChanges.Contains(h.Change)))
            .OrderBy(h => h.At).ThenBy(h => h.Id)
            .Select(h => new HistoryView(h.At, h.ActorName, h.Change, h.From, h.To))
            .ToListAsync(ct);
    }
}

/// <summary>
/// Tickets the caller may see, filtered and paged. Filters: status (comma list), council code,
/// resolver group, assignee and owner (email, "me", or "none"), requester (email or "me"), priority (P1–P5),
/// whether a priced request still awaits approval, free text.
/// </summary>
public sealed record ListTickets(
    string? Status = null, string? Council = null, int? ResolverGroupId = null, string? Assignee = null,
    string? Owner = null, string? Priority = null, string? Q = null, int? Page = null, int? PageSize = null,
    string? Sort = null, string? SlaState = null, string? Requester = null, bool? AwaitingApproval = null) : IRequest<PagedList<TicketSummary>>;

public sealed class ListTicketsValidator : AbstractValidator<ListTickets>
{
    /// <summary>"sla" puts the nearest breach first: overdue tickets, then those due soonest.</summary>
    public static readonly string[] Sorts = ["created", "-created", "updated", "-updated", "priority", "-priority", "sla"];

    public ListTicketsValidator()
    {
        RuleFor(x => x.Status).Must(s => s is null || s.Split(',').All(TextRules.IsName<TicketStatus>))
            .WithMessage($"status must be one or more (comma-separated) of {TextRules.Names<TicketStatus>()}.");
        RuleFor(x => x.SlaState).Must(s => s is null || s.Split(',').All(TextRules.IsName<ClockState>))
            .WithMessage($"slaState must be one or more (comma-separated) of {TextRules.Names<ClockState>()}.");
        RuleFor(x => x.Priority).Must(p => p is null || ListTicketsHandler.ParsePriority(p) is not null)
            .WithMessage("priority must be one of P1, P2, P3, P4, P5.");
        RuleFor(x => x.Council).MaximumLength(10);
        RuleFor(x => x.Q).SearchWords();
        RuleFor(x => x.Assignee).MaximumLength(254);
        RuleFor(x => x.Owner).MaximumLength(254);
        RuleFor(x => x.Requester).MaximumLength(254);
        RuleFor(x => x.Page).GreaterThanOrEqualTo(1).When(x => x.Page is not null).WithMessage("page starts at 1.");
        RuleFor(x => x.PageSize).InclusiveBetween(1, 200).When(x => x.PageSize is not null).WithMessage("pageSize must be between 1 and 200.");
        RuleFor(x => x.Sort).Must(s => s is null || Sorts.Contains(s)).WithMessage($"sort must be one of {string.Join(", ", Sorts)}.");
    }
}

public sealed class ListTicketsHandler(IServiceDeskDb db, ViewerLoader viewers) : IRequestHandler<ListTickets, PagedList<TicketSummary>>
{
    public async Task<PagedList<TicketSummary>> Handle(ListTickets request, CancellationToken ct)
    {
        var viewer = await viewers.LoadAsync(ct);
        var tickets = viewer.Visible(db.Tickets.AsNoTracking());

        if (request.Status is { } statusList)
        {
            var statuses = statusList.Split(',').Select(s => Enum.Parse<TicketStatus>(s.Trim(), true)).ToList();
            tickets = tickets.Where(t => statuses.Contains(t.Status));
        }
        if (request.SlaState is { } slaList)
        {
            var states = slaList.Split(',').Select(s => Enum.Parse<ClockState>(s.Trim(), true)).ToList();
            tickets = tickets.Where(t => states.Contains(t.SlaState));
        }
        if (request.Council is { } code)
        {
            var upper = code.Trim().ToUpperInvariant();
            tickets = tickets.Where(t => t.Council!.Code == upper);
        }
        if (request.ResolverGroupId is int groupId) tickets = tickets.Where(t => t.ResolverGroupId == groupId);
        if (request.Priority is { } p)
        {
            var priority = ParsePriority(p)!.Value;
            tickets = tickets.Where(t => t.Priority == priority);
        }
        if (request.Assignee is { } assignee)
        {
            var who = await PersonFilterAsync(assignee, viewer, ct);
            tickets = who is null ? tickets.Where(t => t.AssigneeId == null) : tickets.Where(t => t.AssigneeId == who);
        }
        if (request.Owner is { } owner)
        {
            var who = await PersonFilterAsync(owner, viewer, ct);
            tickets = who is null ? tickets.Where(t => t.OwnerId == null) : tickets.Where(t => t.OwnerId == who);
        }
        if (request.AwaitingApproval is bool awaiting)
            tickets = tickets.Where(t => t.Approvals.Any(a => a.Status == ApprovalStatus.Pending) == awaiting);
        if (request.Requester is { } requester)
        {
            var who = await PersonFilterAsync(requester, viewer, ct);
            tickets = tickets.Where(t => t.RequesterId == who);
        }
        if (!string.IsNullOrWhiteSpace(request.Q))
        {
            var q = request.Q.Trim();
            if (TicketReference.TryParse(q, out var id))
                tickets = tickets.Where(t => t.Id == id);
            else
            {
                var lower = q.ToLowerInvariant();
                tickets = tickets.Where(t => t.Title.ToLower().Contains(lower) || t.Description.ToLower().Contains(lower));
            }
        }

        var total = await tickets.CountAsync(ct);
        var sorted = request.Sort switch
        {
            "created" => tickets.OrderBy(t => t.CreatedAt).ThenBy(t => t.Id),
            "updated" => tickets.OrderBy(t => t.UpdatedAt).ThenBy(t => t.Id),
            "-updated" => tickets.OrderByDescending(t => t.UpdatedAt).ThenByDescending(t => t.Id),
            "priority" => tickets.OrderBy(t => t.Priority).ThenBy(t => t.CreatedAt),
            "-priority" => tickets.OrderByDescending(t => t.Priority).ThenBy(t => t.CreatedAt),
            "sla" => tickets.OrderBy(t => t.SlaDueAt == null).ThenBy(t => t.SlaDueAt).ThenBy(t => t.Priority).ThenBy(t => t.Id),
            _ => tickets.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id),
        };
        var page = request.Page ?? 1;
        var size = request.PageSize ?? 25;
        var rows = await sorted.Skip((page - 1) * size).Take(size)
            .Select(t => new
            {
                t.Id, t.Type, t.Title, t.Status, t.Priority, Council = t.Council!.Code, Service = t.Service!.Name,
                Requester = t.Requester!.DisplayName,
                Owner = t.Owner == null ? null : t.Owner.DisplayName,
                Group = t.ResolverGroup == null ? null : t.ResolverGroup.Name,
                Assignee = t.Assignee == null ? null : t.Assignee.DisplayName,
                t.Channel, t.CreatedAt, t.UpdatedAt, t.SlaState, t.SlaDueAt,
            })
            .ToListAsync(ct);
        var items = rows.Select(r => new TicketSummary(
            TicketReference.Format(r.Id), r.Type, r.Title, r.Status, r.Priority, r.Council, r.Service, r.Requester,
            r.Owner, r.Group, r.Assignee, r.Channel, r.CreatedAt, r.UpdatedAt, r.SlaState, r.SlaDueAt)).ToList();
        return new PagedList<TicketSummary>(items, total, page, size);
    }

    public static Priority? ParsePriority(string value)
    {
        var v = value.Trim().TrimStart('P', 'p');
        return int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 5 ? (Priority)n : null;
    }

    /// <summary>"me" is the caller, "none" matches tickets with nobody, anything else is an email address.</summary>
    private async Task<int?> PersonFilterAsync(string value, Viewer viewer, CancellationToken ct)
    {
        var v = value.Trim().ToLowerInvariant();
        if (v == "me") return viewer.PersonId;
        if (v == "none") return null;
        return await db.People.Where(p => p.Email == v).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct) ?? -1;
    }
}
