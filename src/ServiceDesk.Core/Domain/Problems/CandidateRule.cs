namespace ServiceDesk.Core.Domain.Problems;

/// <summary>What the candidate rule needs to know of a ticket.</summary>
public sealed record IncidentFact(long TicketId, TicketType Type, int ServiceId, int? CategoryId, DateTime CreatedAt, bool LinkedToProblem);

/// <summary>Incidents of one service and category that together suggest a problem.</summary>
public sealed record CandidateGroup(int ServiceId, int? CategoryId, IReadOnlyList<IncidentFact> Incidents)
{
    public DateTime FirstAt => Incidents[0].CreatedAt;
    public DateTime LastAt => Incidents[^1].CreatedAt;
}

/// <summary>
/// The candidate-problem rule of product.md, in one place: <see cref="Incidents"/> or more incidents
/// of the same service and category within <see cref="WindowDays"/> days, none linked to a problem.
/// Service requests and incidents already linked to a problem never count. A ticket without a
/// category groups with the other uncategorised tickets of its service.
/// </summary>
public sealed record CandidateRule(int Incidents, int WindowDays)
{
    public TimeSpan Window => TimeSpan.FromDays(WindowDays);

    /// <summary>Candidates now: groups with enough incidents created in the window ending now, (now − window, now].</summary>
    public IReadOnlyList<CandidateGroup> Current(IEnumerable<IncidentFact> tickets, DateTime now) =>
        Groups(tickets)
            .Select(g => InWindowEndingAt(g, now))
            .Where(g => g.Count >= Incidents)
            .Select(g => new CandidateGroup(g[0].ServiceId, g[0].CategoryId, g))
            .OrderByDescending(g => g.Incidents.Count).ThenByDescending(g => g.LastAt)
            .ToList();

    /// <summary>
    /// Groups that became candidates during (<paramref name="from"/>, <paramref name="to"/>]: an incident
    /// logged in that time brought its window to the threshold. Each group once, with the incidents of
    /// its fullest window (the weekly digest's "new candidate problems").
    /// </summary>
    public IReadOnlyList<CandidateGroup> ReachedBetween(IEnumerable<IncidentFact> tickets, DateTime from, DateTime to)
    {
        var found = new List<CandidateGroup>();
        foreach (var group in Groups(tickets))
        {
            var best = group.Where(t => t.CreatedAt > from && t.CreatedAt <= to)
                .Select(t => InWindowEndingAt(group, t.CreatedAt))
                .Where(w => w.Count >= Incidents)
                .MaxBy(w => w.Count);
            if (best is not null) found.Add(new CandidateGroup(best[0].ServiceId, best[0].CategoryId, best));
        }
        return found.OrderByDescending(g => g.Incidents.Count).ThenByDescending(g => g.LastAt).ToList();
    }

    private static IEnumerable<List<IncidentFact>> Groups(IEnumerable<IncidentFact> tickets) =>
        tickets.Where(t => t.Type == TicketType.Incident && !t.LinkedToProblem)
            .GroupBy(t => (t.ServiceId, t.CategoryId))
            .Select(g => g.OrderBy(t => t.CreatedAt).ThenBy(t => t.TicketId).ToList());

    private List<IncidentFact> InWindowEndingAt(List<IncidentFact> group, DateTime end)
    {
        var start = end - Window;
        return group.Where(t => t.CreatedAt > start && t.CreatedAt <= end).ToList();
    }
}
