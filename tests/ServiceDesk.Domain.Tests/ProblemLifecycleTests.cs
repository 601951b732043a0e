using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Domain.Problems;
using ServiceDesk.Core.Domain.Tickets;

namespace ServiceDesk.Domain.Tests;

public sealed class ProblemLifecycleTests
{
    private static readonly DateTime Start = TestDesk.Monday0900;

    private static readonly Person Manager =
        new Person("helen.marsh@sharedict.example", "Helen Marsh", PersonRoles.ProblemManager, null).WithId(300);

    private static Problem NewProblem(TestDesk desk) =>
        Problem.Raise("Docks lose both monitors after the firmware update", "Several docks went dark on Monday.", Priority.P2,
            [desk.DesktopHardware], Manager, Actor.Of(Manager), Start).WithId(7);

    [Fact]
    public void A_raised_problem_is_logged_owned_by_its_problem_manager_and_says_so_in_its_history()
    {
        var problem = NewProblem(new TestDesk());

        Assert.Equal("PRB-000007", problem.Reference);
        Assert.Equal(ProblemStatus.Logged, problem.Status);
        Assert.Equal(Manager.Id, problem.OwnerId);
        Assert.Equal(1, problem.Version);
        Assert.Equal(["Raised", "Affected service", "Owner"], problem.History.Select(h => h.Change));
    }

    [Fact]
    public void Only_a_problem_manager_can_own_a_problem()
    {
        var desk = new TestDesk();
        var problem = NewProblem(desk);

        var error = Assert.Throws<FieldException>(() => problem.AssignOwner(desk.Agent, Actor.Of(Manager), Start));
        Assert.Equal("ownerEmail", error.Field);
    }

    [Fact]
    public void Publishing_a_known_error_needs_the_root_cause_and_the_workaround_recorded()
    {
        var problem = NewProblem(new TestDesk());
        var actor = Actor.Of(Manager);
        problem.ChangeStatus(ProblemStatus.UnderInvestigation, null, actor, Start.AddHours(1));

        Assert.Equal("rootCause", Assert.Throws<FieldException>(() => problem.ChangeStatus(ProblemStatus.KnownError, null, actor, Start.AddHours(2))).Field);
        problem.RecordRootCause("Dock firmware 1.2 drops DisplayPort alt mode.", actor, Start.AddHours(2));
        Assert.Equal("workaround", Assert.Throws<FieldException>(() => problem.ChangeStatus(ProblemStatus.KnownError, null, actor, Start.AddHours(2))).Field);
        problem.RecordWorkaround("Unplug the dock's power for ten seconds, then reconnect the laptop.", actor, Start.AddHours(3));

        problem.ChangeStatus(ProblemStatus.KnownError, null, actor, Start.AddHours(4));

        Assert.True(problem.IsPublishedKnownError);
        Assert.Equal(Start.AddHours(4), problem.KnownErrorPublishedAt);
        Assert.Contains(problem.History, h => h is { Change: "Known error published" });
        Assert.Contains(problem.History, h => h is { Change: "Status", From: "Under investigation", To: "Known error" });
    }

    [Fact]
    public void Illegal_moves_are_refused_saying_what_is_allowed_and_a_closed_problem_is_final()
    {
        var problem = NewProblem(new TestDesk());
        var actor = Actor.Of(Manager);

        var early = Assert.Throws<ConflictException>(() => problem.ChangeStatus(ProblemStatus.Closed, null, actor, Start));
        Assert.Contains("Under investigation", early.Message);
        Assert.Equal("resolution", Assert.Throws<FieldException>(() => problem.ChangeStatus(ProblemStatus.Resolved, " ", actor, Start)).Field);

        problem.ChangeStatus(ProblemStatus.Resolved, "Rolled dock firmware back to 1.1.", actor, Start.AddDays(1));
        problem.ChangeStatus(ProblemStatus.Closed, null, actor, Start.AddDays(2));

        Assert.Contains("final", Assert.Throws<ConflictException>(() => problem.ChangeStatus(ProblemStatus.UnderInvestigation, null, actor, Start.AddDays(3))).Message);
        Assert.Throws<ConflictException>(() => problem.RecordWorkaround("too late", actor, Start.AddDays(3)));
    }

    [Fact]
    public void A_resolved_problem_that_recurs_goes_back_under_investigation_and_loses_its_resolution()
    {
        var problem = NewProblem(new TestDesk());
        var actor = Actor.Of(Manager);
        problem.ChangeStatus(ProblemStatus.Resolved, "Rolled dock firmware back.", actor, Start);

        problem.ChangeStatus(ProblemStatus.UnderInvestigation, null, actor, Start.AddDays(1));

        Assert.Null(problem.Resolution);
        Assert.Null(problem.ResolvedAt);
    }

    [Fact]
    public void Linking_an_incident_records_it_on_both_the_problem_and_the_ticket_and_unlinking_too()
    {
        var desk = new TestDesk();
        var problem = NewProblem(desk);
        var ticket = desk.Raise(Start);
        var version = ticket.Version;

        problem.Link(ticket, null, Actor.Of(desk.Agent), Start.AddMinutes(5));

        Assert.Single(problem.Incidents, i => i.TicketId == ticket.Id);
        Assert.Contains(problem.History, h => h is { Change: "Incident linked", To: "SD-000123" });
        Assert.Contains(ticket.History, h => h is { Change: "Problem", To: "PRB-000007" });
        Assert.Equal(version + 1, ticket.Version);

        problem.Unlink(ticket, Actor.Of(desk.Agent), Start.AddMinutes(10));

        Assert.Empty(problem.Incidents);
        Assert.Contains(ticket.History, h => h is { Change: "Problem", From: "PRB-000007", To: null });
    }

    [Fact]
    public void A_ticket_links_to_at_most_one_problem_and_only_incidents_link()
    {
        var desk = new TestDesk();
        var problem = NewProblem(desk);
        var ticket = desk.Raise(Start);

        var elsewhere = Assert.Throws<ConflictException>(() => problem.Link(ticket, linkedProblemId: 3, Actor.Of(desk.Agent), Start));
        Assert.Contains("PRB-000003", elsewhere.Message);

        var request = Ticket.Raise(TicketType.ServiceRequest, "Second monitor", "For reconciliations.", desk.SwaleRequester, desk.Swale,
            desk.DesktopHardware, desk.GroupFor(desk.DesktopHardware, desk.Swale), null, Impact.Low, Urgency.Low, Channel.Portal, Actor.Of(desk.SwaleRequester), Start).WithId(124);
        Assert.Equal("incidents", Assert.Throws<FieldException>(() => problem.Link(request, null, Actor.Of(desk.Agent), Start)).Field);

        // Linking the same incident again changes nothing.
        problem.Link(ticket, null, Actor.Of(desk.Agent), Start);
        var version = problem.Version;
        problem.Link(ticket, problem.Id, Actor.Of(desk.Agent), Start);
        Assert.Equal(version, problem.Version);
        Assert.Single(problem.Incidents);
    }

    [Fact]
    public void Resolving_an_incident_with_its_problem_adds_one_public_reply_that_is_also_its_resolution()
    {
        var desk = new TestDesk();
        var ticket = desk.TicketIn(TicketStatus.InProgress, Start);
        ticket.ClearDomainEvents();

        ticket.ResolveWithProblem("PRB-000007", "Dock firmware rolled back; reconnect your dock.", desk.Agent, desk.Calendar, Start.AddHours(1));

        Assert.Equal(TicketStatus.Resolved, ticket.Status);
        Assert.Equal("Dock firmware rolled back; reconnect your dock.", ticket.Resolution);
        var reply = Assert.Single(ticket.Comments, c => c.Body == ticket.Resolution);
        Assert.False(reply.IsInternal);
        Assert.Contains(ticket.History, h => h is { Change: "Resolved with problem", To: "PRB-000007" });
        // One change event, so one email to the requester.
        Assert.Equal(["Resolved"], ticket.DomainEvents.OfType<TicketChanged>().Select(e => e.Change));
    }

    [Theory]
    [InlineData("KnownError", ProblemStatus.KnownError)]
    [InlineData("known error", ProblemStatus.KnownError)]
    [InlineData("under-investigation", ProblemStatus.UnderInvestigation)]
    [InlineData("Resolved", ProblemStatus.Resolved)]
    public void Statuses_read_as_written_or_as_described(string text, ProblemStatus expected)
    {
        Assert.True(ProblemLifecycle.TryParse(text, out var status));
        Assert.Equal(expected, status);
    }

    [Theory]
    [InlineData("Logged,Closed")]
    [InlineData("2")]
    [InlineData("Fixed")]
    [InlineData("")]
    public void Anything_else_is_not_a_status(string text) => Assert.False(ProblemLifecycle.TryParse(text, out _));
}
