using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ServiceDesk.Core.Abstractions;
using ServiceDesk.Core.Access;
using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Domain.Problems;
using ServiceDesk.Core.Domain.Tickets;
using ServiceDesk.Core.Features.Tickets;

namespace ServiceDesk.Core.Features.Problems;

/// <summary>Problems, newest change first; filters: status (comma list), service, free text. Shared ICT staff only.</summary>
public sealed record ListProblems(string? Status = null, int? ServiceId = null, string? Q = null, int? Page = null, int? PageSize = null)
    : IRequest<PagedList<ProblemSummary>>;

public sealed class ListProblemsValidator : AbstractValidator<ListProblems>
{
    public ListProblemsValidator()
    {
        RuleFor(x => x.Status).Must(s => s is null || s.Split(',').All(v => ProblemLifecycle.TryParse(v, out _)))
            .WithMessage($"status must be one or more (comma-separated) of {ProblemLifecycle.Names}.");
        RuleFor(x => x.Q).SearchWords();
        RuleFor(x => x.Page).GreaterThanOrEqualTo(1).When(x => x.Page is not null).WithMessage("page starts at 1.");
        RuleFor(x => x.PageSize).InclusiveBetween(1, 200).When(x => x.PageSize is not null).WithMessage("pageSize must be between 1 and 200.");
    }
}

public sealed class ListProblemsHandler(IServiceDeskDb db, ProblemWorkspace workspace) : IRequestHandler<ListProblems, PagedList<ProblemSummary>>
{
    public async Task<PagedList<ProblemSummary>> Handle(ListProblems request, CancellationToken ct)
    {
        await workspace.ViewerAsync("Problems", ct);
        var problems = db.Problems.AsNoTracking();
        if (request.Status is { } list)
        {
            var statuses = list.Split(',').Select(v => { ProblemLifecycle.TryParse(v, out var s); return s; }).ToList();
            problems = problems.Where(p => statuses.Contains(p.Status));
        }
        if (request.ServiceId is int serviceId) problems = problems.Where(p => p.Services.Any(s => s.ServiceId == serviceId));
        if (!string.IsNullOrWhiteSpace(request.Q))
        {
            var q = request.Q.Trim();
            if (ProblemReference.TryParse(q, out var id)) problems = problems.Where(p => p.Id == id);
            else
            {
                var lower = q.ToLowerInvariant();
                problems = problems.Where(p => p.Title.ToLower().Contains(lower) || p.Description.ToLower().Contains(lower));
            }
        }
        var total = await problems.CountAsync(ct);
        var page = request.Page ?? 1;
        var size = request.PageSize ?? 25;
        var rows = await problems.OrderByDescending(p => p.UpdatedAt).ThenByDescending(p => p.Id)
            .Skip((page - 1) * size).Take(size)
            .Select(p => new
            {
                p.Id, p.Title, p.Status, p.Priority, Owner = p.Owner == null ? null : p.Owner.DisplayName,
                ServiceIds = p.Services.Select(s => s.ServiceId).ToList(), p.CreatedAt, p.UpdatedAt,
                Incidents = db.ProblemIncidents.Count(l => l.ProblemId == p.Id),
                Open = db.ProblemIncidents.Count(l => l.ProblemId == p.Id
                    && db.Tickets.Any(t => t.Id == l.TicketId && t.Status != TicketStatus.Resolved && t.Status != TicketStatus.Closed)),
            })
            .ToListAsync(ct);
        var names = await db.Services.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        return new PagedList<ProblemSummary>(rows.Select(r => new ProblemSummary(
            ProblemReference.Format(r.Id), r.Title, r.Status, r.Priority, r.Owner,
            r.ServiceIds.Select(id => names[id]).Order().ToList(), r.Incidents, r.Open, r.CreatedAt, r.UpdatedAt)).ToList(), total, page, size);
    }
}

/// <summary>One problem with its linked incidents and the councils affected. Shared ICT staff only.</summary>
public sealed record GetProblem(string Reference) : IRequest<ProblemView>;

public sealed class GetProblemHandler(ProblemWorkspace workspace) : IRequestHandler<GetProblem, ProblemView>
{
    public async Task<ProblemView> Handle(GetProblem request, CancellationToken ct)
    {
        await workspace.ViewerAsync($"Problem {request.Reference}", ct);
        if (!ProblemReference.TryParse(request.Reference, out var id)) throw new NotFoundException($"Problem {request.Reference}");
        return await workspace.ViewAsync(id, ct);
    }
}

/// <summary>A problem's append-only history, oldest first.</summary>
public sealed record GetProblemHistory(string Reference) : IRequest<IReadOnlyList<HistoryView>>;

public sealed class GetProblemHistoryHandler(IServiceDeskDb db, ProblemWorkspace workspace) : IRequestHandler<GetProblemHistory, IReadOnlyList<HistoryView>>
{
    public async Task<IReadOnlyList<HistoryView>> Handle(GetProblemHistory request, CancellationToken ct)
    {
        await workspace.ViewerAsync($"Problem {request.Reference}", ct);
        if (!ProblemReference.TryParse(request.Reference, out var id) || !await db.Problems.AnyAsync(p => p.Id == id, ct))
            throw new NotFoundException($"Problem {request.Reference}");
        return await db.ProblemHistory.AsNoTracking()
            .Where(h => h.ProblemId == id)
            .OrderBy(h => h.At).ThenBy(h => h.Id)
            .Select(h => new HistoryView(h.At, h.ActorName, h.Change, h.From, h.To))
            .ToListAsync(ct);
    }
}

/// <summary>
/// The published known errors for a service (and category): what the desk sees when logging an
/// incident, and what requesters see in the portal before submitting. Requesters get the title and
/// workaround only; shared ICT staff also get the problem's reference, to apply it.
/// </summary>
public sealed record KnownErrorsFor(int? ServiceId, int? CategoryId = null) : IRequest<IReadOnlyList<KnownErrorView>>;

public sealed class KnownErrorsForValidator : AbstractValidator<KnownErrorsFor>
{
    public KnownErrorsForValidator() => RuleFor(x => x.ServiceId).NotNull().WithMessage("Name the service (serviceId).");
}

public sealed class KnownErrorsForHandler(ViewerLoader viewers, PublishedKnownErrors knownErrors) : IRequestHandler<KnownErrorsFor, IReadOnlyList<KnownErrorView>>
{
    public async Task<IReadOnlyList<KnownErrorView>> Handle(KnownErrorsFor request, CancellationToken ct)
    {
        var viewer = await viewers.LoadAsync(ct);
        return await knownErrors.ForAsync(request.ServiceId!.Value, request.CategoryId, withReference: viewer.SeesAllCouncils, ct);
    }
}

/// <summary>Candidate problems now (product.md): enough unlinked incidents of one service and category within the window.</summary>
public sealed record ListCandidateProblems : IRequest<IReadOnlyList<CandidateProblemView>>;

public sealed class ListCandidateProblemsHandler(CandidateFinder finder, ProblemWorkspace workspace)
    : IRequestHandler<ListCandidateProblems, IReadOnlyList<CandidateProblemView>>
{
    public async Task<IReadOnlyList<CandidateProblemView>> Handle(ListCandidateProblems request, CancellationToken ct)
    {
        await workspace.ViewerAsync("Candidate problems", ct);
        var now = workspace.Now;
        return await finder.FindAsync(now, now, ct);
    }
}

/// <summary>Applies the candidate rule to the incidents in the database, with the configured thresholds.</summary>
public sealed class CandidateFinder(IServiceDeskDb db, IOptions<ProblemOptions> options)
{
    public CandidateRule Rule => options.Value.CandidateRule;

    /// <summary>Candidates now when <paramref name="from"/> equals <paramref name="to"/>; else those that arose in (from, to].</summary>
    public async Task<IReadOnlyList<CandidateProblemView>> FindAsync(DateTime from, DateTime to, CancellationToken ct)
    {
        var rule = Rule;
        var since = from - rule.Window;
        var facts = await db.Tickets.AsNoTracking()
            .Where(t => t.Type == TicketType.Incident && t.CreatedAt > since && t.CreatedAt <= to)
            .Select(t => new IncidentFact(t.Id, t.Type, t.ServiceId, t.CategoryId, t.CreatedAt, db.ProblemIncidents.Any(l => l.TicketId == t.Id)))
            .ToListAsync(ct);
        var groups = from == to ? rule.Current(facts, to) : rule.ReachedBetween(facts, from, to);
        if (groups.Count == 0) return [];

        var ids = groups.SelectMany(g => g.Incidents.Select(i => i.TicketId)).ToList();
        var councilOf = await db.Tickets.AsNoTracking().Where(t => ids.Contains(t.Id))
            .Select(t => new { t.Id, t.Council!.Code }).ToDictionaryAsync(t => t.Id, t => t.Code, ct);
        var services = await db.Services.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var categories = await db.Categories.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        return groups.Select(g => new CandidateProblemView(
            g.ServiceId, services[g.ServiceId], g.CategoryId, g.CategoryId is int c ? categories[c] : null,
            g.Incidents.Count, g.FirstAt, g.LastAt,
            g.Incidents.Select(i => councilOf[i.TicketId]).Distinct().Order().ToList(),
            g.Incidents.Select(i => TicketReference.Format(i.TicketId)).ToList())).ToList();
    }
}
