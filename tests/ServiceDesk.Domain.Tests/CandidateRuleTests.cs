using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Domain.Problems;

namespace ServiceDesk.Domain.Tests;

/// <summary>product.md: five or more incidents of one service and category in seven days, none linked to a problem.</summary>
public sealed class CandidateRuleTests
{
    private static readonly DateTime Now = TestDesk.Monday0900;
    private static readonly CandidateRule Rule = new(Incidents: 5, WindowDays: 7);
    private const int Printing = 5;
    private const int ScanToEmail = 51;

    private static IncidentFact Incident(long id, DateTime at, int service = Printing, int? category = ScanToEmail,
        bool linked = false, TicketType type = TicketType.Incident) => new(id, type, service, category, at, linked);

    private static List<IncidentFact> Spread(int count, DateTime last, TimeSpan apart) =>
        Enumerable.Range(0, count).Select(i => Incident(i + 1, last - apart * i)).ToList();

    [Fact]
    public void Four_incidents_are_not_a_candidate_five_are()
    {
        Assert.Empty(Rule.Current(Spread(4, Now.AddHours(-1), TimeSpan.FromDays(1)), Now));

        var candidate = Assert.Single(Rule.Current(Spread(5, Now.AddHours(-1), TimeSpan.FromDays(1)), Now));
        Assert.Equal((Printing, (int?)ScanToEmail), (candidate.ServiceId, candidate.CategoryId));
        Assert.Equal(5, candidate.Incidents.Count);
    }

    [Fact]
    public void The_five_must_fall_within_seven_days()
    {
        var lastAt = Now.AddMinutes(-1);
        // The oldest of five, one minute inside the window ...
        var inside = Spread(4, lastAt, TimeSpan.FromDays(1)).Append(Incident(9, Now - TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1))).ToList();
        Assert.Single(Rule.Current(inside, Now));

        // ... and exactly seven days old: outside it.
        var outside = Spread(4, lastAt, TimeSpan.FromDays(1)).Append(Incident(9, Now - TimeSpan.FromDays(7))).ToList();
        Assert.Empty(Rule.Current(outside, Now));
    }

    [Fact]
    public void Incidents_already_linked_to_a_problem_do_not_count()
    {
        var tickets = Spread(5, Now.AddHours(-1), TimeSpan.FromHours(6));
        tickets[2] = tickets[2] with { LinkedToProblem = true };

        Assert.Empty(Rule.Current(tickets, Now));
        Assert.Single(Rule.Current(tickets.Append(Incident(10, Now.AddMinutes(-5))), Now));
    }

    [Fact]
    public void Service_requests_and_other_services_or_categories_do_not_count()
    {
        var tickets = Spread(4, Now.AddHours(-1), TimeSpan.FromHours(6));
        Assert.Empty(Rule.Current(tickets.Append(Incident(20, Now.AddMinutes(-5), type: TicketType.ServiceRequest)), Now));
        Assert.Empty(Rule.Current(tickets.Append(Incident(21, Now.AddMinutes(-5), category: 52)), Now));
        Assert.Empty(Rule.Current(tickets.Append(Incident(22, Now.AddMinutes(-5), service: 6)), Now));
    }

    [Fact]
    public void Thresholds_are_configurable()
    {
        var three = Spread(3, Now.AddHours(-1), TimeSpan.FromDays(4));
        Assert.Empty(new CandidateRule(3, 7).Current(three, Now));
        Assert.Single(new CandidateRule(3, 9).Current(three, Now));
        Assert.Single(new CandidateRule(2, 7).Current(three, Now));
    }

    [Fact]
    public void The_digest_finds_groups_that_reached_the_threshold_during_the_week_even_if_the_window_has_moved_on()
    {
        var weekAgo = Now.AddDays(-7);
        // Five incidents on Tuesday and Wednesday of last week: a candidate then, and still now.
        var burst = Spread(5, weekAgo.AddDays(2), TimeSpan.FromHours(5));
        Assert.Single(Rule.ReachedBetween(burst, weekAgo, Now));
        // The same burst a fortnight ago reached the threshold before the week began: not new.
        var old = Spread(5, Now.AddDays(-14), TimeSpan.FromHours(5));
        Assert.Empty(Rule.ReachedBetween(old, weekAgo, Now));
    }
}
