using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Domain.Tickets;

namespace ServiceDesk.Domain.Tests;

public sealed class HistoryTests
{
    private static readonly DateTime Start = TestDesk.Monday0900;

    [Fact]
    public void Raise_records_who_raised_the_ticket_and_where_it_was_routed_at_version_1()
    {
        var desk = new TestDesk();

        var ticket = desk.Raise(Start);

        Assert.Equal(1, ticket.Version);
        Assert.Equal(Start, ticket.CreatedAt);
        Assert.Equal(Start, ticket.UpdatedAt);
        Assert.Collection(ticket.History,
            raised =>
            {
                Assert.Equal("Raised", raised.Change);
                Assert.Equal(desk.SwaleRequester.Id, raised.ActorId);
                Assert.Equal("Frank Green", raised.ActorName);
                Assert.Equal(Start, raised.At);
                Assert.Null(raised.From);
                Assert.Equal("Incident P3 via Portal", raised.To);
            },
            routed =>
            {
                Assert.Equal("Resolver group", routed.Change);
                Assert.Null(routed.From);
                // The desk routed it, to a group people know by name.
                Assert.Null(routed.ActorId);
                Assert.Equal("ServiceDesk", routed.ActorName);
                Assert.Equal("Swale on-site desktop (routed by service and council)", routed.To);
            });
    }

    [Fact]
    public void Take_records_the_new_owner_and_the_status_change_by_the_agent()
    {
        var desk = new TestDesk();
        var ticket = desk.Raise(Start);
        var at = Start.AddMinutes(5);

        ticket.Take(desk.Agent, at);

        var added = ticket.History.Skip(2).ToList();
        Assert.Collection(added,
            owner =>
            {
                Assert.Equal("Owner", owner.Change);
                Assert.Null(owner.From);
                Assert.Equal("Priya Shah", owner.To);
            },
            status =>
            {
                Assert.Equal("Status", status.Change);
                Assert.Equal("New", status.From);
                Assert.Equal("Assigned", status.To);
            });
        Assert.All(added, e =>
        {
            Assert.Equal(at, e.At);
            Assert.Equal(desk.Agent.Id, e.ActorId);
            Assert.Equal("Priya Shah", e.ActorName);
        });
    }

    [Fact]
    public void Taking_over_from_another_agent_records_the_previous_owner()
    {
        var desk = new TestDesk();
        var ticket = desk.TicketIn(TicketStatus.Assigned, Start);

        ticket.Take(desk.OtherAgent, Start.AddHours(1));

        var entry = ticket.History[^1];
        Assert.Equal("Owner", entry.Change);
        Assert.Equal("Priya Shah", entry.From);
        Assert.Equal("Tom Okafor", entry.To);
        Assert.Equal(desk.OtherAgent.Id, entry.ActorId);
    }

    [Fact]
    public void Reprioritising_records_the_old_and_new_priority()
    {
        var desk = new TestDesk();
        var ticket = desk.TicketIn(TicketStatus.Assigned, Start);

        ticket.Reprioritise(Impact.High, Urgency.High, Actor.Of(desk.Agent), Start.AddHours(1));

        var entry = ticket.History[^1];
        Assert.Equal("Priority", entry.Change);
        Assert.Equal("P3 (Medium/Medium)", entry.From);
        Assert.Equal("P1 (High/High)", entry.To);
        Assert.Equal(Priority.P1, ticket.Priority);
    }

    [Fact]
    public void Every_change_appends_to_the_history_and_increments_the_version_once()
    {
        var desk = new TestDesk();
        var ticket = desk.Raise(Start);
        var agent = Actor.Of(desk.Agent);
        var step = 0;

        void Change(Person by, Action<DateTime> change)
        {
            var at = Start.AddMinutes(++step * 10);
            var before = ticket.History.ToList();
            var version = ticket.Version;

            change(at);

            Assert.Equal(version + 1, ticket.Version);
            Assert.Equal(at, ticket.UpdatedAt);
            Assert.True(ticket.History.Count > before.Count, $"step {step} added no history");
            // Append-only: the earlier entries are still there, unchanged and in order.
            Assert.Equal(before, ticket.History.Take(before.Count));
            Assert.All(ticket.History.Skip(before.Count), e =>
            {
                Assert.Equal(at, e.At);
                Assert.Equal(by.Id, e.ActorId);
                Assert.Equal(by.DisplayName, e.ActorName);
            });
        }

        Change(desk.Agent, at => ticket.Take(desk.Agent, at));
        Change(desk.Agent, at => ticket.ChangeStatus(TicketStatus.InProgress, null, agent, desk.Calendar, at));
        Change(desk.Agent, at => ticket.Comment(desk.Agent, "Could you try another cable?", false, true, at));
        Change(desk.Agent, at => ticket.ChangeStatus(TicketStatus.AwaitingCustomer, null, agent, desk.Calendar, at));
        Change(desk.SwaleRequester, at => ticket.Comment(desk.SwaleRequester, "It did not help.", false, false, at));
        Change(desk.Agent, at => ticket.Comment(desk.Agent, "Dock firmware?", true, true, at));
        Change(desk.Agent, at => ticket.Assign(desk.SwaleOnSite, desk.SwaleTechnician, desk.Agent, at));
        Change(desk.Agent, at => ticket.Reprioritise(Impact.High, Urgency.Medium, agent, at));
        Change(desk.SwaleTechnician, at => ticket.Resolve("Replaced the dock.", Actor.Of(desk.SwaleTechnician), desk.Calendar, at));
        Change(desk.SwaleRequester, at => ticket.Reopen("Black screens again.", desk.SwaleRequester, at));
        Change(desk.SwaleTechnician, at => ticket.ChangeStatus(TicketStatus.Resolved, "Updated the dock firmware.", Actor.Of(desk.SwaleTechnician), desk.Calendar, at));
        Change(desk.SwaleRequester, at => ticket.Close(Actor.Of(desk.SwaleRequester), at));

        Assert.Equal(13, ticket.Version);
        Assert.Equal(TicketStatus.Closed, ticket.Status);
        Assert.Equal(ticket.Version, ticket.DomainEvents.Count);
        Assert.Equal(
            ["New", "Assigned", "In progress", "Awaiting customer", "In progress", "Assigned", "Resolved", "In progress", "Resolved"],
            ticket.History.Where(h => h.Change == "Status").Select(h => h.From));
        Assert.Equal(
            ["Assigned", "In progress", "Awaiting customer", "In progress", "Assigned", "Resolved", "In progress", "Resolved", "Closed"],
            ticket.History.Where(h => h.Change == "Status").Select(h => h.To));
    }

    [Fact]
    public void A_version_other_than_the_current_one_is_stale()
    {
        var desk = new TestDesk();
        var ticket = desk.Raise(Start);
        var stale = ticket.Version;
        ticket.Take(desk.Agent, Start.AddMinutes(5));

        Assert.True(ticket.IsStale(stale));
        Assert.True(ticket.IsStale(ticket.Version + 1));
    }

    [Fact]
    public void The_current_version_or_no_version_is_not_stale()
    {
        var desk = new TestDesk();
        var ticket = desk.TicketIn(TicketStatus.InProgress, Start);

        Assert.False(ticket.IsStale(ticket.Version));
        Assert.False(ticket.IsStale(null));
    }
}
