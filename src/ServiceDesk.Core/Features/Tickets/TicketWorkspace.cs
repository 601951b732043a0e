using Microsoft.EntityFrameworkCore;
using ServiceDesk.Core.Abstractions;
using ServiceDesk.Core.Access;
using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Domain.Calendars;
using ServiceDesk.Core.Domain.Tickets;
using ServiceDesk.Core.Features.Sla;

namespace ServiceDesk.Core.Features.Tickets;

/// <summary>
/// What every ticket command shares: find the ticket the caller may see, check the caller's
/// If-Match, save, and answer with the fresh view. One place, so every command obeys the same rules.
/// </summary>
public sealed class TicketWorkspace(IServiceDeskDb db, ViewerLoader viewers, TimeProvider time, SlaClockKeeper clocks, SlaPolicyBook policies, Email.TicketMail mail,
    Problems.PublishedKnownErrors knownErrors)
{
    public DateTime Now => time.GetUtcNow().UtcDateTime;

    public async Task<(Viewer Viewer, Ticket Ticket)> OpenAsync(string reference, int? expectedVersion, CancellationToken ct)
    {
        var (viewer, ticket) = await viewers.LoadTicketAsync(reference, ct);
        if (ticket.IsStale(expectedVersion))
            throw new PreconditionFailedException(await LatestChangeAsync(viewer, ticket, ct) + " Check what changed, then try again.");
        return (viewer, ticket);
    }

    private static readonly string[] MostTelling = ["Owner", "Resolver group", "Assignee", "Priority", "Reply", "Internal note", "Status"];

    /// <summary>
    /// What happened to the ticket last, in plain words for the person whose change met it
    /// ("Tom Okafor took this ticket a moment ago."). Staff hear who and what; anyone else only
    /// that it changed, since the change may be an internal note.
    /// </summary>
    private async Task<string> LatestChangeAsync(Viewer viewer, Ticket ticket, CancellationToken ct)
    {
        // One action writes several lines at one instant (taking: owner, then status); name the one that says most.
        var recent = viewer.IsStaff
            ? await db.Tickets.Where(t => t.Id == ticket.Id).SelectMany(t => t.History).OrderByDescending(h => h.Id).Take(6).ToListAsync(ct)
            : [];
        var latest = recent.TakeWhile(h => recent.Count > 0 && h.At == recent[0].At && h.ActorName == recent[0].ActorName)
            .OrderBy(h => Array.IndexOf(MostTelling, h.Change) is var i and >= 0 ? i : MostTelling.Length)
            .FirstOrDefault();
        var ago = Now - (latest?.At ?? ticket.UpdatedAt);
        var when = ago < TimeSpan.FromMinutes(2) ? "a moment ago" : ago < TimeSpan.FromHours(1) ? $"{(int)ago.TotalMinutes} minutes ago" : $"at {ticket.UpdatedAt:HH:mm} UTC";
        if (latest is null) return $"{ticket.Reference} changed {when}.";
        var by = latest.ActorName;
        var what = latest.Change switch
        {
            "Owner" when latest.To == by => "took this ticket",
            "Owner" => $"gave this ticket to {latest.To}",
            "Status" => $"moved this ticket to {latest.To}",
            "Reply" => "replied to the requester",
            "Internal note" => "added an internal note",
            "Resolver group" => $"assigned this ticket to {latest.To}",
            "Assignee" => latest.To is null ? "unassigned this ticket" : $"assigned this ticket to {latest.To}",
            "Priority" => $"changed the priority to {latest.To}",
            var other => $"changed this ticket ({other.ToLowerInvariant()})",
        };
        return $"{by} {what} {when}.";
    }

    public async Task<TicketView> SaveAsync(Viewer viewer, Ticket ticket, CancellationToken ct)
    {
        var raisedNow = ticket.Id == 0;
        // Every change keeps the clocks in step and writes its emails to the outbox, in the same transaction.
        await clocks.KeepAsync(ticket, Now, ct);
        await ChargeIfFulfilledAsync(ticket, ct);
        await mail.SaveWithMailAsync(ticket, Now, ct);
        return raisedNow ? await ViewOfAsync(viewer, ticket, raisedNow: true, ct) : await ViewAsync(viewer, ticket.Id, ct);
    }

    /// <summary>
    /// Saves a change that touched several tickets (a link, a merge, a major incident and its children):
    /// each one's clocks kept in step and its mail written, in one transaction; answers the first's view.
    /// </summary>
    public async Task<TicketView> SaveAllAsync(Viewer viewer, Ticket ticket, IEnumerable<Ticket> others, CancellationToken ct)
    {
        var all = others.Prepend(ticket).DistinctBy(t => t.Id).ToList();
        foreach (var t in all) await clocks.KeepAsync(t, Now, ct);
        await mail.SaveWithMailAsync(all, Now, ct);
        return await ViewAsync(viewer, ticket.Id, ct);
    }

    /// <summary>
    /// The other ticket a command names in its body (to link, merge into, attach): one the viewer may
    /// not see is, to them, no ticket at all, named against the field.
    /// </summary>
    public async Task<Ticket> OtherAsync(Viewer viewer, string reference, string field, CancellationToken ct)
    {
        TicketReference.TryParse(reference.Trim(), out var id);
        return await viewer.Visible(db.Tickets)
            .Include(t => t.Participants).Include(t => t.Requester).Include(t => t.Clocks)
            .FirstOrDefaultAsync(t => t.Id == id, ct)
            ?? throw new FieldException(field, $"There is no ticket {reference.Trim()} that you can see.");
    }

    public async Task<TicketView> ViewAsync(Viewer viewer, long ticketId, CancellationToken ct)
    {
        // The ticket with its collections (each a query over the one ticket), then the rows it refers to:
        // tracked, so the context joins them up. With the council, service, category, three people and
        // the group included in the ticket's query, each of its split queries joined eight tables, and
        // PostgreSQL spent 5–10 ms planning each one (a join of five plans in under 0.5 ms).
        var ticket = await viewer.Visible(db.Tickets)
            .Include(t => t.Participants)
            .Include(t => t.Comments).ThenInclude(c => c.Author)
            .Include(t => t.Clocks)
            .FirstOrDefaultAsync(t => t.Id == ticketId, ct)
            ?? throw new NotFoundException($"Ticket {TicketReference.Format(ticketId)}");
        // A ticket the command in hand has just loaded or raised has them already.
        if (ticket.Council is null || ticket.Service is null || ticket.CategoryId is not null && ticket.Category is null
            || ticket.ResolverGroupId is not null && ticket.ResolverGroup is null)
            await db.Tickets.Where(t => t.Id == ticketId)
                .Select(t => new { t.Council, t.Service, t.Category, t.ResolverGroup })
                .FirstAsync(ct);
        if (ticket.Requester is null || ticket.OwnerId is not null && ticket.Owner is null || ticket.AssigneeId is not null && ticket.Assignee is null)
            await db.People.Where(p => p.Id == ticket.RequesterId || p.Id == ticket.OwnerId || p.Id == ticket.AssigneeId).LoadAsync(ct);
        return await ViewOfAsync(viewer, ticket, raisedNow: false, ct);
    }

    /// <summary>
    /// The view of a ticket whose rows are all loaded. One raised in this request is all in memory
    /// (its clocks, approvals and history were made here): nothing links to it yet, it has no
    /// attachments and no problem, so none of that is read back.
    /// </summary>
    private async Task<TicketView> ViewOfAsync(Viewer viewer, Ticket ticket, bool raisedNow, CancellationToken ct)
    {
        var ticketId = ticket.Id;
        var calendar = await policies.CalendarForAsync(ticket, ct);
        var groupIds = ticket.Clocks.Where(c => c.ResolverGroupId != null).Select(c => c.ResolverGroupId!.Value).Distinct().ToList();
        var groups = ticket.ResolverGroup is { } current && groupIds.All(g => g == current.Id)
            ? groupIds.ToDictionary(g => g, _ => current.Name)
            : await db.ResolverGroups.AsNoTracking().Where(g => groupIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, g => g.Name, ct);
        // Attachments are listed without their content, which may be large.
        var attachments = raisedNow ? [] : await db.TicketAttachments.AsNoTracking().Where(a => a.TicketId == ticketId).OrderBy(a => a.Id)
            .Select(a => new AttachmentView(a.Id, a.FileName, a.ContentType, a.Size, a.CreatedAt)).ToListAsync(ct);
        var view = TicketViewMapping.ToView(ticket, viewer, new ClockReading(calendar, Now, groups), attachments) with
        {
            Related = raisedNow
                ? new RelatedTicketsView([], ticket.IsMajorIncident, null, [], null, ticket.RunsAroundTheClock)
                : await RelatedAsync(viewer, ticket, ct),
        };
        // Problems are shared-ICT data: nobody else learns that a ticket is linked to one.
        if (!viewer.SeesAllCouncils || ticket.Type != TicketType.Incident) return view;
        var problem = raisedNow ? null : await db.ProblemIncidents.AsNoTracking().Where(l => l.TicketId == ticketId)
            .Join(db.Problems, l => l.ProblemId, p => p.Id, (l, p) => new ProblemLink(p.Id, p.Title, p.Status)).FirstOrDefaultAsync(ct);
        // An open incident not yet linked is where a known error helps: shown with one click to apply it.
        var suggestions = problem is null && ticket.IsOpen
            ? await knownErrors.ForAsync(ticket.ServiceId, ticket.CategoryId, withReference: true, ct)
            : [];
        return view with
        {
            Problem = problem is null ? null : new Problems.ProblemLinkView(Domain.Problems.ProblemReference.Format(problem.Id), problem.Title, problem.Status),
            KnownErrors = suggestions,
        };
    }

    private sealed record ProblemLink(long Id, string Title, Domain.Problems.ProblemStatus Status);

    /// <summary>The tickets related to this one, each only if the viewer may see it (sovereignty: no hint of the others).</summary>
    private async Task<RelatedTicketsView> RelatedAsync(Viewer viewer, Ticket ticket, CancellationToken ct)
    {
        var id = ticket.Id;
        var visible = viewer.Visible(db.Tickets).AsNoTracking();
        var linkedIds = ticket.Links.Select(l => l.LinkedTicketId).ToList();
        var outgoing = linkedIds.Count == 0 ? [] : await visible.Where(t => linkedIds.Contains(t.Id))
            .Select(t => new { t.Id, t.Title, t.Status, t.Council!.Code }).ToListAsync(ct);
        // The links to this ticket first, through the index on the linked ticket: asked as "tickets with such a
        // link", SQLite tested every ticket (a fifth of a second at a million tickets).
        var linksIn = await db.Tickets.SelectMany(t => t.Links).Where(l => l.LinkedTicketId == id)
            .Select(l => new { l.TicketId, l.Kind }).ToListAsync(ct);
        var inIds = linksIn.Select(l => l.TicketId).ToList();
        var incoming = inIds.Count == 0 ? [] : await visible.Where(t => inIds.Contains(t.Id))
            .Select(t => new { t.Id, t.Title, t.Status, t.Council!.Code }).ToListAsync(ct);
        var links = outgoing
            .Select(o => new LinkedTicketView(TicketReference.Format(o.Id), o.Title, o.Status, o.Code, Ticket.Describe(ticket.Links.First(l => l.LinkedTicketId == o.Id).Kind)))
            .Concat(incoming.Select(i => new LinkedTicketView(TicketReference.Format(i.Id), i.Title, i.Status, i.Code,
                Ticket.DescribeInverse(linksIn.First(l => l.TicketId == i.Id).Kind))))
            .OrderBy(l => l.Reference, StringComparer.Ordinal).ToList();

        LinkedTicketView? parent = null;
        if (ticket.MajorIncidentId is long parentId)
            parent = (await visible.Where(t => t.Id == parentId).Select(t => new { t.Id, t.Title, t.Status, t.Council!.Code }).ToListAsync(ct))
                .Select(t => new LinkedTicketView(TicketReference.Format(t.Id), t.Title, t.Status, t.Code)).FirstOrDefault();
        var children = ticket.IsMajorIncident
            ? (await visible.Where(t => t.MajorIncidentId == id).OrderBy(t => t.Id).Select(t => new { t.Id, t.Title, t.Status, t.Council!.Code }).ToListAsync(ct))
                .Select(t => new LinkedTicketView(TicketReference.Format(t.Id), t.Title, t.Status, t.Code)).ToList()
            : [];
        string? mergedInto = ticket.MergedIntoId is long into && await visible.AnyAsync(t => t.Id == into, ct) ? TicketReference.Format(into) : null;
        return new RelatedTicketsView(links, ticket.IsMajorIncident, parent, children, mergedInto, ticket.RunsAroundTheClock);
    }

    /// <summary>A priced request fulfilled (resolved) is charged to its council, once.</summary>
    private async Task ChargeIfFulfilledAsync(Ticket ticket, CancellationToken ct)
    {
        if (!ticket.DomainEvents.OfType<TicketChanged>().Any(e => e.Change == "Resolved") || !ticket.IsApprovedPricedRequest) return;
        if (await db.Charges.AnyAsync(c => c.TicketId == ticket.Id, ct)) return;
        var service = await db.Services.FirstAsync(s => s.Id == ticket.ServiceId, ct);
        if (Charge.ForFulfilled(ticket, service) is { } charge) db.Charges.Add(charge);
    }

    public Task<BusinessCalendar> CalendarOfCouncilAsync(int councilId, CancellationToken ct) =>
        policies.CalendarOfCouncilAsync(councilId, ct);

    public static void EnsureCanWork(Viewer viewer, Ticket ticket, string action)
    {
        if (!viewer.CanWork(ticket))
            throw new ForbiddenException($"Only the desk and the ticket's resolver group can {action}.");
    }
}
