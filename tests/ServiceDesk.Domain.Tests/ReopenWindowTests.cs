using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Domain.Tickets;

namespace ServiceDesk.Domain.Tests;

public sealed class ReopenWindowTests
{
    /// <summary>Wednesday 14 January 2026, 10:00 in London (GMT, so 10:00 UTC).</summary>
    private static readonly DateTime ResolvedWednesday = new(2026, 1, 14, 10, 0, 0, DateTimeKind.Utc);

    private static Ticket ResolvedAt(TestDesk desk, DateTime resolvedAt)
    {
        var ticket = desk.TicketIn(TicketStatus.InProgress, resolvedAt.AddDays(-1));
        ticket.Resolve("Replaced the docking station.", Actor.Of(desk.Agent), desk.Calendar, resolvedAt);
        return ticket;
    }

    [Fact]
    public void The_reopen_window_is_five_business_days()
    {
        Assert.Equal(5, Ticket.ReopenWindowBusinessDays);
    }

    [Fact]
    public void ReopenUntil_skips_a_weekend()
    {
        var desk = new TestDesk();

        var ticket = ResolvedAt(desk, ResolvedWednesday);

        // Five business days after Wednesday 14 January 10:00: Thu 15, Fri 16, (weekend), Mon 19,
        // Tue 20, Wed 21, so Wednesday 21 January 10:00 London, which is 10:00 UTC in winter.
        Assert.Equal(new DateTime(2026, 1, 21, 10, 0, 0, DateTimeKind.Utc), ticket.ReopenUntil);
    }

    [Fact]
    public void ReopenUntil_skips_the_Christmas_bank_holidays()
    {
        var desk = new TestDesk();
        // Thursday 24 December 2026, 10:00 in London; GMT in December, so also 10:00 UTC.
        var resolved = new DateTime(2026, 12, 24, 10, 0, 0, DateTimeKind.Utc);

        var ticket = ResolvedAt(desk, resolved);

        // Five business days of 08:30–17:00 (5 × 510 = 2,550 business minutes) from Thu 24 Dec 10:00:
        //   Thu 24 Dec 10:00–17:00           420 min  (2,130 left)
        //   Fri 25 Dec  Christmas Day         closed
        //   Sat 26, Sun 27                    weekend
        //   Mon 28 Dec  Boxing Day (substitute day, as the 26th is a Saturday)  closed
        //   Tue 29, Wed 30, Thu 31 Dec      3 × 510   (600 left)
        //   Fri 1 Jan 2027  New Year's Day    closed
        //   Sat 2, Sun 3                      weekend
        //   Mon 4 Jan                         510     (90 left)
        //   Tue 5 Jan 08:30 + 90 min        = 10:00
        // So the window ends Tuesday 5 January 2027 at 10:00 London = 10:00 UTC (still GMT).
        Assert.Equal(new DateTime(2027, 1, 5, 10, 0, 0, DateTimeKind.Utc), ticket.ReopenUntil);
    }

    [Fact]
    public void ReopenUntil_keeps_the_London_wall_clock_time_across_the_March_clock_change()
    {
        var desk = new TestDesk();
        // Thursday 26 March 2026, 10:00 GMT. British Summer Time starts on Sunday 29 March.
        var resolved = new DateTime(2026, 3, 26, 10, 0, 0, DateTimeKind.Utc);

        var ticket = ResolvedAt(desk, resolved);

        // Fri 27, (weekend), Mon 30, Tue 31 March, Wed 1, Thu 2 April: Thursday 2 April 10:00 BST = 09:00 UTC.
        Assert.Equal(new DateTime(2026, 4, 2, 9, 0, 0, DateTimeKind.Utc), ticket.ReopenUntil);
    }

    [Fact]
    public void Reopen_inside_the_window_puts_the_ticket_back_in_progress_and_clears_the_resolution()
    {
        var desk = new TestDesk();
        var ticket = ResolvedAt(desk, ResolvedWednesday);
        var reopenedAt = ResolvedWednesday.AddDays(2);

        ticket.Reopen("The screens went black again.", desk.SwaleRequester, reopenedAt);

        Assert.Equal(TicketStatus.InProgress, ticket.Status);
        Assert.Equal(1, ticket.ReopenCount);
        Assert.Null(ticket.Resolution);
        Assert.Null(ticket.ResolvedAt);
        Assert.Null(ticket.ReopenUntil);
        var comment = Assert.Single(ticket.Comments);
        Assert.Equal("Reopened: The screens went black again.", comment.Body);
        Assert.Equal(desk.SwaleRequester.Id, comment.AuthorId);
    }

    [Fact]
    public void Reopen_one_minute_before_the_window_ends_works()
    {
        var desk = new TestDesk();
        var ticket = ResolvedAt(desk, ResolvedWednesday);

        ticket.Reopen("Still broken.", desk.SwaleRequester, ticket.ReopenUntil!.Value.AddMinutes(-1));

        Assert.Equal(TicketStatus.InProgress, ticket.Status);
    }

    [Fact]
    public void Reopen_after_ReopenUntil_is_a_conflict()
    {
        var desk = new TestDesk();
        var ticket = ResolvedAt(desk, ResolvedWednesday);
        var until = ticket.ReopenUntil!.Value;
        var version = ticket.Version;

        Assert.Throws<ConflictException>(() => ticket.Reopen("Still broken.", desk.SwaleRequester, until.AddMinutes(1)));

        Assert.Equal(TicketStatus.Resolved, ticket.Status);
        Assert.Equal(0, ticket.ReopenCount);
        Assert.Equal(version, ticket.Version);
    }

    [Fact]
    public void Each_reopen_counts()
    {
        var desk = new TestDesk();
        var ticket = ResolvedAt(desk, ResolvedWednesday);

        ticket.Reopen("Still broken.", desk.SwaleRequester, ResolvedWednesday.AddHours(1));
        ticket.Resolve("Updated the dock firmware.", Actor.Of(desk.Agent), desk.Calendar, ResolvedWednesday.AddHours(2));
        ticket.Reopen("Broken again.", desk.SwaleRequester, ResolvedWednesday.AddHours(3));

        Assert.Equal(2, ticket.ReopenCount);
    }

    [Theory]
    [InlineData(TicketStatus.New)]
    [InlineData(TicketStatus.InProgress)]
    [InlineData(TicketStatus.Closed)]
    public void Reopen_of_a_ticket_that_is_not_resolved_is_a_conflict(TicketStatus status)
    {
        var desk = new TestDesk();
        var ticket = desk.TicketIn(status, ResolvedWednesday);

        Assert.Throws<ConflictException>(() => ticket.Reopen("Still broken.", desk.SwaleRequester, ResolvedWednesday.AddHours(1)));

        Assert.Equal(status, ticket.Status);
    }

    [Fact]
    public void CloseIfReopenWindowPassed_does_nothing_before_ReopenUntil()
    {
        var desk = new TestDesk();
        var ticket = ResolvedAt(desk, ResolvedWednesday);
        var until = ticket.ReopenUntil!.Value;
        var version = ticket.Version;

        Assert.False(ticket.CloseIfReopenWindowPassed(until.AddTicks(-1)));
        Assert.False(ticket.CloseIfReopenWindowPassed(until.AddDays(-1)));

        Assert.Equal(TicketStatus.Resolved, ticket.Status);
        Assert.Null(ticket.ClosedAt);
        Assert.Equal(until, ticket.ReopenUntil);
        Assert.Equal(version, ticket.Version);
    }

    [Fact]
    public void CloseIfReopenWindowPassed_closes_exactly_at_ReopenUntil_as_the_system()
    {
        var desk = new TestDesk();
        var ticket = ResolvedAt(desk, ResolvedWednesday);
        var until = ticket.ReopenUntil!.Value;

        Assert.True(ticket.CloseIfReopenWindowPassed(until));

        Assert.Equal(TicketStatus.Closed, ticket.Status);
        Assert.Equal(until, ticket.ClosedAt);
        Assert.Null(ticket.ReopenUntil);
        var last = ticket.History[^1];
        Assert.Null(last.ActorId);
        Assert.Equal(Actor.System.Name, last.ActorName);
        Assert.Equal("Closed", last.To);
    }

    [Fact]
    public void CloseIfReopenWindowPassed_closes_after_ReopenUntil_and_only_once()
    {
        var desk = new TestDesk();
        var ticket = ResolvedAt(desk, ResolvedWednesday);
        var later = ticket.ReopenUntil!.Value.AddDays(3);

        Assert.True(ticket.CloseIfReopenWindowPassed(later));
        var version = ticket.Version;
        Assert.False(ticket.CloseIfReopenWindowPassed(later.AddDays(1)));

        Assert.Equal(TicketStatus.Closed, ticket.Status);
        Assert.Equal(later, ticket.ClosedAt);
        Assert.Equal(version, ticket.Version);
    }

    [Theory]
    [InlineData(TicketStatus.New)]
    [InlineData(TicketStatus.AwaitingCustomer)]
    public void CloseIfReopenWindowPassed_ignores_open_tickets(TicketStatus status)
    {
        var desk = new TestDesk();
        var ticket = desk.TicketIn(status, ResolvedWednesday);

        Assert.False(ticket.CloseIfReopenWindowPassed(ResolvedWednesday.AddYears(1)));

        Assert.Equal(status, ticket.Status);
    }
}
