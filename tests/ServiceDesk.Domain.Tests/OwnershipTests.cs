using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Domain.Tickets;

namespace ServiceDesk.Domain.Tests;

public sealed class OwnershipTests
{
    private static readonly DateTime Start = TestDesk.Monday0900;

    [Fact]
    public void Take_by_an_agent_sets_the_owner_and_moves_a_new_ticket_to_assigned()
    {
        var desk = new TestDesk();
        var ticket = desk.Raise(Start);
        Assert.Null(ticket.OwnerId);

        ticket.Take(desk.Agent, Start.AddMinutes(5));

        Assert.Equal(desk.Agent.Id, ticket.OwnerId);
        Assert.Same(desk.Agent, ticket.Owner);
        Assert.Equal(TicketStatus.Assigned, ticket.Status);
    }

    [Fact]
    public void Take_of_a_ticket_already_in_progress_changes_the_owner_but_not_the_status()
    {
        var desk = new TestDesk();
        var ticket = desk.TicketIn(TicketStatus.InProgress, Start);

        ticket.Take(desk.OtherAgent, Start.AddHours(1));

        Assert.Equal(desk.OtherAgent.Id, ticket.OwnerId);
        Assert.Equal(TicketStatus.InProgress, ticket.Status);
    }

    [Fact]
    public void Take_by_a_non_agent_is_forbidden()
    {
        var desk = new TestDesk();
        var ticket = desk.Raise(Start);
        var version = ticket.Version;

        Assert.Throws<ForbiddenException>(() => ticket.Take(desk.Engineer, Start.AddMinutes(5)));
        Assert.Throws<ForbiddenException>(() => ticket.Take(desk.SwaleRequester, Start.AddMinutes(5)));

        Assert.Null(ticket.OwnerId);
        Assert.Equal(TicketStatus.New, ticket.Status);
        Assert.Equal(version, ticket.Version);
    }

    [Fact]
    public void Take_by_the_current_owner_is_a_conflict()
    {
        var desk = new TestDesk();
        var ticket = desk.TicketIn(TicketStatus.Assigned, Start);

        Assert.Throws<ConflictException>(() => ticket.Take(desk.Agent, Start.AddHours(1)));
    }

    [Fact]
    public void The_owner_stays_the_same_after_assigning_to_a_resolver_group()
    {
        var desk = new TestDesk();
        var ticket = desk.TicketIn(TicketStatus.Assigned, Start);

        ticket.Assign(desk.ServiceDeskGroup, desk.Engineer, desk.OtherAgent, Start.AddHours(1));

        Assert.Equal(desk.Agent.Id, ticket.OwnerId);
        Assert.Equal(desk.ServiceDeskGroup.Id, ticket.ResolverGroupId);
        Assert.Equal(desk.Engineer.Id, ticket.AssigneeId);
    }

    [Fact]
    public void The_owner_stays_the_same_after_resolve_and_reopen()
    {
        var desk = new TestDesk();
        var ticket = desk.TicketIn(TicketStatus.Assigned, Start);
        ticket.Assign(desk.SwaleOnSite, desk.SwaleTechnician, desk.Agent, Start.AddMinutes(30));

        ticket.Resolve("Replaced the docking station.", Actor.Of(desk.SwaleTechnician), desk.Calendar, Start.AddHours(1));
        Assert.Equal(desk.Agent.Id, ticket.OwnerId);

        ticket.Reopen("The screens went black again.", desk.SwaleRequester, Start.AddHours(2));
        Assert.Equal(desk.Agent.Id, ticket.OwnerId);
        Assert.Equal(TicketStatus.InProgress, ticket.Status);
    }

    [Fact]
    public void Assign_by_an_agent_of_an_unowned_ticket_makes_that_agent_the_owner()
    {
        var desk = new TestDesk();
        var ticket = desk.Raise(Start);

        ticket.Assign(desk.SwaleOnSite, desk.SwaleTechnician, desk.OtherAgent, Start.AddMinutes(5));

        Assert.Equal(desk.OtherAgent.Id, ticket.OwnerId);
        Assert.Equal(desk.SwaleTechnician.Id, ticket.AssigneeId);
        Assert.Equal(TicketStatus.Assigned, ticket.Status);
    }

    [Fact]
    public void Assign_by_a_non_agent_of_an_unowned_ticket_leaves_it_without_an_owner()
    {
        var desk = new TestDesk();
        var ticket = desk.Raise(Start);

        ticket.Assign(desk.SwaleOnSite, desk.SwaleTechnician, desk.SwaleTechnician, Start.AddMinutes(5));

        Assert.Null(ticket.OwnerId);
        Assert.Equal(desk.SwaleTechnician.Id, ticket.AssigneeId);
    }

    [Fact]
    public void Assign_to_the_same_group_and_assignee_is_a_conflict()
    {
        var desk = new TestDesk();
        var ticket = desk.TicketIn(TicketStatus.Assigned, Start);
        ticket.Assign(desk.SwaleOnSite, desk.SwaleTechnician, desk.Agent, Start.AddMinutes(10));

        Assert.Throws<ConflictException>(() => ticket.Assign(desk.SwaleOnSite, desk.SwaleTechnician, desk.Agent, Start.AddMinutes(20)));
    }

    [Theory]
    [InlineData(TicketStatus.Resolved)]
    [InlineData(TicketStatus.Closed)]
    public void Take_on_a_finished_ticket_is_a_conflict(TicketStatus status)
    {
        var desk = new TestDesk();
        var ticket = desk.TicketIn(status, Start);
        var version = ticket.Version;

        Assert.Throws<ConflictException>(() => ticket.Take(desk.OtherAgent, Start.AddHours(1)));

        Assert.Equal(desk.Agent.Id, ticket.OwnerId);
        Assert.Equal(version, ticket.Version);
    }

    [Theory]
    [InlineData(TicketStatus.Resolved)]
    [InlineData(TicketStatus.Closed)]
    public void Assign_on_a_finished_ticket_is_a_conflict(TicketStatus status)
    {
        var desk = new TestDesk();
        var ticket = desk.TicketIn(status, Start);
        var version = ticket.Version;

        Assert.Throws<ConflictException>(() => ticket.Assign(desk.ServiceDeskGroup, desk.Engineer, desk.Agent, Start.AddHours(1)));

        Assert.Equal(desk.SwaleOnSite.Id, ticket.ResolverGroupId);
        Assert.Null(ticket.AssigneeId);
        Assert.Equal(status, ticket.Status);
        Assert.Equal(version, ticket.Version);
    }
}
