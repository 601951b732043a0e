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
/// whether a priced request still awaits approval, free text. Pages follow a cursor (the Next or
/// Previous of the page before; see <see cref="TicketPaging"/>); a page number still works, at the
/// cost of reading the pages before it. The total is exact up to <see cref="TicketListOptions.CountCap"/>.
/// </summary>
public sealed record ListTickets(
    string? Status = null, string? Council = null, int? ResolverGroupId = null, string? Assignee = null,
    string? Owner = null, string? Priority = null, string? Q = null, int? Page = null, int? PageSize = null,
    string? Sort = null, string? SlaState = null, string? Requester = null, bool? AwaitingApproval = null,
    string? Cursor = null) : IRequest<PagedList<TicketSummary>>;

public sealed class ListTicketsValidator : AbstractValidator<ListTickets>
{
    /// <summary>"sla" puts the nearest breach first: overdue tickets, then those due soonest.</summary>
    public static readonly string[] Sorts = [.. TicketPaging.Sorts];

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
        RuleFor(x => x.Cursor).Must((x, c) => c is null || x.Sort is { } s && !Sorts.Contains(s) || TicketPaging.IsValid(c, x.Sort ?? ListTicketsHandler.DefaultSort))
            .WithMessage("cursor is not one this list gave out for this order; start again from the first page.");
        RuleFor(x => x.Page).Must(p => p is null or 1).When(x => x.Cursor is not null).WithMessage("page cannot be given with a cursor: the cursor says where the page starts.");
    }
}

/// <summary>How ticket lists count (ServiceDesk:TicketLists).</summary>
public sealed class TicketListOptions
{
    public const string Section = "ServiceDesk:TicketLists";

    /// <summary>Counts stop here: a larger list is "10,000+", so a count never reads a whole history.</summary>
    public int CountCap { get; set; } = 10_000;
}

public sealed class ListTicketsHandler(IServiceDeskDb db, ViewerLoader viewers, Microsoft.Extensions.Options.IOptions<TicketListOptions> options)
    : IRequestHandler<ListTickets, PagedList<TicketSummary>>
{
    /// <summary>Newest first, unless the caller asks for another order.</summary>
    public const string DefaultSort = "-created";

    public async Task<PagedList<TicketSummary>> Handle(ListTickets request, CancellationToken ct)
    {
        var viewer = await viewers.LoadAsync(ct);
        var tickets = viewer.Visible(db.Tickets.AsNoTracking());

        if (request.Status is { } statusList)
        {
            var statuses = statusList.Split(',').Select(s => Enum.Parse<TicketStatus>(s.Trim(), true)).Distinct().ToList();
            // Open or not is a column every queue index starts with: the open statuses all together are
            // that column alone; some of them are that column and the statuses.
            // One status is compared as equal, not as one of a list: PostgreSQL reads "= ANY(list)" in the
            // index's order only by sorting every match (50–70 ms for "In progress" at a million tickets).
            var open = statuses.Count(TicketLifecycle.IsOpen);
            var only = statuses[0];
            if (open == statuses.Count && open == Enum.GetValues<TicketStatus>().Count(TicketLifecycle.IsOpen))
                tickets = tickets.Where(t => t.IsOpen);
            else if (statuses.Count == 1)
                tickets = open == 1 ? tickets.Where(t => t.IsOpen && t.Status == only) : tickets.Where(t => !t.IsOpen && t.Status == only);
            else if (open == statuses.Count)
                tickets = tickets.Where(t => t.IsOpen && statuses.Contains(t.Status));
            else if (open == 0)
                tickets = tickets.Where(t => !t.IsOpen && statuses.Contains(t.Status));
            else
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
        // An open ticket awaits approval exactly while its clocks wait to start (approving the last step
        // starts them; rejecting closes the ticket): that column is indexed, the approval steps decide.
        if (request.AwaitingApproval == true)
            tickets = tickets.Where(t => t.ClocksStartAt == null && t.Approvals.Any(a => a.Status == ApprovalStatus.Pending));
        else if (request.AwaitingApproval == false)
            tickets = tickets.Where(t => t.ClocksStartAt != null || !t.Approvals.Any(a => a.Status == ApprovalStatus.Pending));
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

        // Counting stops past the cap: a queue of 90,000 is "10,000+", read from an index in milliseconds.
        var cap = options.Value.CountCap;
        var total = await tickets.Take(cap + 1).CountAsync(ct);
        var page = request.Page ?? 1;
        var size = request.PageSize ?? 25;
        // A page number reads the keys of the pages before it; a cursor does not.
        var (rows, previous, next) = await TicketPaging.ReadAsync(tickets, request.Sort ?? DefaultSort, request.Cursor, size,
            t => new Row(t.Id, t.Type, t.Title, t.Status, t.Priority, t.Council!.Code, t.Service!.Name, t.Requester!.DisplayName,
                t.Owner == null ? null : t.Owner.DisplayName, t.ResolverGroup == null ? null : t.ResolverGroup.Name,
                t.Assignee == null ? null : t.Assignee.DisplayName, t.Channel, t.CreatedAt, t.UpdatedAt, t.SlaState, t.SlaDueAt),
            r => new TicketPaging.SortKeys(r.SlaDueAt, r.Priority, r.CreatedAt, r.UpdatedAt, r.Id), ct, skip: (page - 1) * size);
        var items = rows.Select(r => new TicketSummary(
            TicketReference.Format(r.Id), r.Type, r.Title, r.Status, r.Priority, r.Council, r.Service, r.Requester,
            r.Owner, r.Group, r.Assignee, r.Channel, r.CreatedAt, r.UpdatedAt, r.SlaState, r.SlaDueAt)).ToList();
        return new PagedList<TicketSummary>(items, Math.Min(total, cap), page, size, total > cap, previous, next);
    }

    private sealed record Row(long Id, TicketType Type, string Title, TicketStatus Status, Priority Priority, string Council, string Service,
        string Requester, string? Owner, string? Group, string? Assignee, Channel Channel, DateTime CreatedAt, DateTime UpdatedAt,
        ClockState SlaState, DateTime? SlaDueAt);

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
