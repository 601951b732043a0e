using Microsoft.EntityFrameworkCore;
using ServiceDesk.Core.Abstractions;
using ServiceDesk.Core.Access;
using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Domain.Problems;
using ServiceDesk.Core.Domain.Tickets;
using ServiceDesk.Core.Features.Tickets;

namespace ServiceDesk.Core.Features.Problems;

/// <summary>
/// What every problem use case shares: only shared ICT staff see problems (anyone else gets 404),
/// find the problem and the incidents named, link them under the one-problem-per-ticket rule, and
/// answer with the fresh view.
/// </summary>
public sealed class ProblemWorkspace(IServiceDeskDb db, ViewerLoader viewers, TimeProvider time, Knowledge.KnownErrorArticles articles)
{
    public DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>The caller, if they may see problems; for anyone else, <paramref name="what"/> does not exist.</summary>
    public async Task<Viewer> ViewerAsync(string what, CancellationToken ct)
    {
        var viewer = await viewers.LoadAsync(ct);
        viewer.RequireSharedIctData(what);
        return viewer;
    }

    public async Task<(Viewer Viewer, Problem Problem)> OpenAsync(string reference, int? expectedVersion, CancellationToken ct)
    {
        var viewer = await ViewerAsync($"Problem {reference}", ct);
        if (!ProblemReference.TryParse(reference, out var id)) throw new NotFoundException($"Problem {reference}");
        var problem = await db.Problems
            .Include(p => p.Services).Include(p => p.Incidents).Include(p => p.Owner).Include(p => p.Category)
            .FirstOrDefaultAsync(p => p.Id == id, ct)
            ?? throw new NotFoundException($"Problem {reference}");
        problem.EnsureVersion(expectedVersion);
        return (viewer, problem);
    }

    /// <summary>The tickets named by reference, tracked, in the order given; an unknown one is a bad <paramref name="field"/>.</summary>
    public async Task<IReadOnlyList<Ticket>> TicketsAsync(IEnumerable<string> references, string field, CancellationToken ct)
    {
        var ids = new List<long>();
        foreach (var reference in references)
        {
            if (!TicketReference.TryParse(reference?.Trim(), out var id))
                throw new FieldException(field, $"'{reference}' is not a ticket reference (SD-000123).");
            if (!ids.Contains(id)) ids.Add(id);
        }
        var tickets = await db.Tickets.Where(t => ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id, ct);
        var missing = ids.FirstOrDefault(id => !tickets.ContainsKey(id));
        if (missing != 0) throw new FieldException(field, $"There is no ticket {TicketReference.Format(missing)}.");
        return ids.Select(id => tickets[id]).ToList();
    }

    /// <summary>Links incidents to the problem: each ticket to at most one problem, only incidents.</summary>
    public async Task LinkAsync(Problem problem, IReadOnlyList<Ticket> tickets, Actor actor, CancellationToken ct)
    {
        var ids = tickets.Select(t => t.Id).ToList();
        var linked = await db.ProblemIncidents.Where(l => ids.Contains(l.TicketId)).ToDictionaryAsync(l => l.TicketId, l => l.ProblemId, ct);
        var services = await ServicesAsync(tickets.Select(t => t.ServiceId), ct);
        foreach (var ticket in tickets)
        {
            problem.Link(ticket, linked.TryGetValue(ticket.Id, out var p) ? p : null, actor, Now);
            // An incident of a service shows that service is affected too.
            problem.AddService(services[ticket.ServiceId], actor, Now);
        }
    }

    public async Task<Dictionary<int, CatalogueService>> ServicesAsync(IEnumerable<int> ids, CancellationToken ct)
    {
        var wanted = ids.Distinct().ToList();
        return await db.Services.Where(s => wanted.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
    }

    /// <summary>The problem manager named by email, for ownership.</summary>
    public async Task<Person> ProblemManagerAsync(string email, CancellationToken ct)
    {
        var address = email.Trim().ToLowerInvariant();
        return await db.People.FirstOrDefaultAsync(p => p.Email == address, ct)
            ?? throw new FieldException("ownerEmail", $"No one at the desk has the address '{email}'.");
    }

    public async Task<ProblemView> SaveAsync(Problem problem, CancellationToken ct)
    {
        await FollowKnownErrorAsync(problem, ct);
        await db.SaveChangesAsync(ct);
        return await ViewAsync(problem.Id, ct);
    }

    /// <summary>Keeps the problem's known-error article in step with it, in the same save.</summary>
    public async Task FollowKnownErrorAsync(Problem problem, CancellationToken ct) =>
        await articles.FollowAsync(problem, Actor.Of((await viewers.LoadAsync(ct)).Person), Now, ct);

    public async Task<ProblemView> ViewAsync(long problemId, CancellationToken ct)
    {
        var p = await db.Problems.AsNoTracking()
            .Include(x => x.Services).Include(x => x.Owner).Include(x => x.Category)
            .FirstOrDefaultAsync(x => x.Id == problemId, ct)
            ?? throw new NotFoundException($"Problem {ProblemReference.Format(problemId)}");
        var serviceIds = p.Services.Select(s => s.ServiceId).ToList();
        var services = await db.Services.AsNoTracking().Where(s => serviceIds.Contains(s.Id))
            .OrderBy(s => s.Name).Select(s => new ServiceRef(s.Id, s.Name, s.Tier)).ToListAsync(ct);
        var incidents = await db.ProblemIncidents.AsNoTracking()
            .Where(l => l.ProblemId == problemId)
            .Join(db.Tickets, l => l.TicketId, t => t.Id, (l, t) => new
            {
                t.Id, t.Title, t.Status, t.Priority, Council = t.Council!.Code, CouncilName = t.Council.Name, Service = t.Service!.Name,
                Category = t.Category == null ? null : t.Category.Name, Requester = t.Requester!.DisplayName, t.CreatedAt, l.LinkedAt,
            })
            .OrderBy(x => x.CreatedAt).ThenBy(x => x.Id)
            .ToListAsync(ct);
        // Councils affected are those of the linked incidents.
        var councils = incidents.Select(i => new CouncilRef(i.Council, i.CouncilName)).Distinct().OrderBy(c => c.Code).ToList();
        return new ProblemView(
            p.Reference, p.Title, p.Description, p.Status, p.Priority,
            p.Owner is null ? null : new PersonRef(p.Owner.DisplayName, p.Owner.Email),
            services, p.Category is null ? null : new CategoryRef(p.Category.Id, p.Category.Name), councils,
            p.RootCause, p.Workaround, p.Resolution, p.IsPublishedKnownError,
            p.CreatedAt, p.UpdatedAt, p.KnownErrorPublishedAt, p.ResolvedAt, p.ClosedAt, p.Version,
            ProblemLifecycle.NextFrom(p.Status),
            incidents.Select(i => new LinkedIncidentView(TicketReference.Format(i.Id), i.Title, i.Status, i.Priority, i.Council,
                i.Service, i.Category, i.Requester, i.CreatedAt, i.LinkedAt)).ToList());
    }
}

/// <summary>
/// The published known errors for a service (and category, where both name one): what the desk is
/// shown when logging or opening an incident, and what requesters see in the portal. One query, cheap.
/// </summary>
public sealed class PublishedKnownErrors(IServiceDeskDb db)
{
    public async Task<IReadOnlyList<KnownErrorView>> ForAsync(int serviceId, int? categoryId, bool withReference, CancellationToken ct)
    {
        var rows = await db.Problems.AsNoTracking()
            .Where(p => p.Status == ProblemStatus.KnownError
                && p.Services.Any(s => s.ServiceId == serviceId)
                && (categoryId == null || p.CategoryId == null || p.CategoryId == categoryId))
            .OrderByDescending(p => p.KnownErrorPublishedAt).ThenByDescending(p => p.Id)
            .Select(p => new { p.Id, p.Title, p.Workaround })
            .ToListAsync(ct);
        return rows.Select(r => new KnownErrorView(withReference ? ProblemReference.Format(r.Id) : null, r.Title, r.Workaround ?? "")).ToList();
    }
}
