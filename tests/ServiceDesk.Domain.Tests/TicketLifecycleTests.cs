using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Domain.Tickets;

namespace ServiceDesk.Domain.Tests;

public sealed class TicketLifecycleTests
{
    private static readonly DateTime Start = TestDesk.Monday0900;
    private static readonly DateTime Later = Start.AddHours(2);

    /// <summary>The allowed transitions, written out by hand rather than read from TicketLifecycle.</summary>
    private static readonly (TicketStatus From, TicketStatus To)[] Allowed =
    [
        (TicketStatus.New, TicketStatus.Assigned),
        (TicketStatus.New, TicketStatus.InProgress),
        (TicketStatus.New, TicketStatus.AwaitingCustomer),
        (TicketStatus.New, TicketStatus.Resolved),
        (TicketStatus.Assigned, TicketStatus.InProgress),
        (TicketStatus.Assigned, TicketStatus.AwaitingCustomer),
        (TicketStatus.Assigned, TicketStatus.Resolved),
        (TicketStatus.InProgress, TicketStatus.Assigned),
        (TicketStatus.InProgress, TicketStatus.AwaitingCustomer),
        (TicketStatus.InProgress, TicketStatus.Resolved),
        (TicketStatus.AwaitingCustomer, TicketStatus.InProgress),
        (TicketStatus.AwaitingCustomer, TicketStatus.Resolved),
        (TicketStatus.Resolved, TicketStatus.InProgress),
        (TicketStatus.Resolved, TicketStatus.Closed),
    ];

    private static IEnumerable<(TicketStatus From, TicketStatus To)> AllPairs =>
        from f in Enum.GetValues<TicketStatus>()
        from t in Enum.GetValues<TicketStatus>()
        select (f, t);

    public static TheoryData<TicketStatus, TicketStatus> AllowedTransitions => Table(Allowed);

    /// <summary>Every other pair of the 6×6 table, moving to the same status included.</summary>
    public static TheoryData<TicketStatus, TicketStatus> ForbiddenTransitions => Table(AllPairs.Except(Allowed));

    private static TheoryData<TicketStatus, TicketStatus> Table(IEnumerable<(TicketStatus From, TicketStatus To)> pairs)
    {
        var data = new TheoryData<TicketStatus, TicketStatus>();
        foreach (var (from, to) in pairs) data.Add(from, to);
        return data;
    }

    [Fact]
    public void The_allowed_and_forbidden_tables_cover_all_36_pairs_and_agree_with_TicketLifecycle()
    {
        Assert.Equal(36, AllPairs.Count());
        Assert.Equal(14, Allowed.Length);
        Assert.Equal(22, AllPairs.Except(Allowed).Count());
        foreach (var (from, to) in AllPairs)
            Assert.True(Allowed.Contains((from, to)) == TicketLifecycle.CanMove(from, to), $"{from} -> {to}");
    }

    [Theory]
    [MemberData(nameof(AllowedTransitions))]
    public void Allowed_transition_reaches_the_target_status(TicketStatus from, TicketStatus to)
    {
        var desk = new TestDesk();
        var ticket = desk.TicketIn(from, Start);
        var version = ticket.Version;

        ticket.ChangeStatus(to, "Replaced the docking station.", Actor.Of(desk.Agent), desk.Calendar, Later);

        Assert.Equal(to, ticket.Status);
        Assert.Equal(version + 1, ticket.Version);
        Assert.Equal(Later, ticket.UpdatedAt);
        var statusEntry = Assert.Single(ticket.History, h => h.Change == "Status" && h.At == Later);
        Assert.Equal(TicketLifecycle.Describe(from), statusEntry.From);
        Assert.Equal(TicketLifecycle.Describe(to), statusEntry.To);
    }

    [Theory]
    [MemberData(nameof(ForbiddenTransitions))]
    public void Forbidden_transition_throws_conflict_and_leaves_status_and_version_unchanged(TicketStatus from, TicketStatus to)
    {
        var desk = new TestDesk();
        var ticket = desk.TicketIn(from, Start);
        var version = ticket.Version;
        var historyCount = ticket.History.Count;

        Assert.Throws<ConflictException>(() =>
            ticket.ChangeStatus(to, "Replaced the docking station.", Actor.Of(desk.Agent), desk.Calendar, Later));

        Assert.Equal(from, ticket.Status);
        Assert.Equal(version, ticket.Version);
        Assert.Equal(historyCount, ticket.History.Count);
    }

    [Theory]
    [InlineData(TicketStatus.New)]
    [InlineData(TicketStatus.Assigned)]
    [InlineData(TicketStatus.InProgress)]
    [InlineData(TicketStatus.AwaitingCustomer)]
    [InlineData(TicketStatus.Resolved)]
    [InlineData(TicketStatus.Closed)]
    public void Moving_to_the_same_status_is_a_conflict(TicketStatus status)
    {
        var desk = new TestDesk();
        var ticket = desk.TicketIn(status, Start);
        var version = ticket.Version;

        Assert.Throws<ConflictException>(() =>
            ticket.ChangeStatus(status, "Replaced the docking station.", Actor.Of(desk.Agent), desk.Calendar, Later));

        Assert.Equal(status, ticket.Status);
        Assert.Equal(version, ticket.Version);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Resolving_without_a_resolution_note_is_a_field_error_on_resolution(string? resolution)
    {
        var desk = new TestDesk();
        var ticket = desk.TicketIn(TicketStatus.InProgress, Start);
        var version = ticket.Version;

        var viaChangeStatus = Assert.Throws<FieldException>(() =>
            ticket.ChangeStatus(TicketStatus.Resolved, resolution, Actor.Of(desk.Agent), desk.Calendar, Later));
        var viaResolve = Assert.Throws<FieldException>(() =>
            ticket.Resolve(resolution, Actor.Of(desk.Agent), desk.Calendar, Later));

        Assert.Equal("resolution", viaChangeStatus.Field);
        Assert.Equal("resolution", viaResolve.Field);
        Assert.Equal(TicketStatus.InProgress, ticket.Status);
        Assert.Equal(version, ticket.Version);
        Assert.Null(ticket.Resolution);
        Assert.Null(ticket.ResolvedAt);
    }

    [Fact]
    public void Resolving_records_the_note_the_time_and_the_reopen_deadline()
    {
        var desk = new TestDesk();
        var ticket = desk.TicketIn(TicketStatus.InProgress, Start);

        ticket.ChangeStatus(TicketStatus.Resolved, "  Replaced the docking station.  ", Actor.Of(desk.Agent), desk.Calendar, Later);

        Assert.Equal("Replaced the docking station.", ticket.Resolution);
        Assert.Equal(Later, ticket.ResolvedAt);
        Assert.NotNull(ticket.ReopenUntil);
        Assert.False(ticket.IsOpen);
    }

    [Fact]
    public void Moving_a_resolved_ticket_back_to_in_progress_clears_the_resolution()
    {
        var desk = new TestDesk();
        var ticket = desk.TicketIn(TicketStatus.Resolved, Start);

        ticket.ChangeStatus(TicketStatus.InProgress, null, Actor.Of(desk.Agent), desk.Calendar, Later);

        Assert.Null(ticket.Resolution);
        Assert.Null(ticket.ResolvedAt);
        Assert.Null(ticket.ReopenUntil);
        Assert.True(ticket.IsOpen);
    }

    [Fact]
    public void Closing_records_the_time_and_ends_the_reopen_window()
    {
        var desk = new TestDesk();
        var ticket = desk.TicketIn(TicketStatus.Resolved, Start);

        ticket.ChangeStatus(TicketStatus.Closed, null, Actor.Of(desk.SwaleRequester), desk.Calendar, Later);

        Assert.Equal(Later, ticket.ClosedAt);
        Assert.Null(ticket.ReopenUntil);
        Assert.False(ticket.IsOpen);
    }

    [Theory]
    [InlineData(TicketStatus.New, true)]
    [InlineData(TicketStatus.Assigned, true)]
    [InlineData(TicketStatus.InProgress, true)]
    [InlineData(TicketStatus.AwaitingCustomer, true)]
    [InlineData(TicketStatus.Resolved, false)]
    [InlineData(TicketStatus.Closed, false)]
    public void Only_resolved_and_closed_tickets_are_not_open(TicketStatus status, bool open) =>
        Assert.Equal(open, TicketLifecycle.IsOpen(status));
}
