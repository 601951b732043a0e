using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Domain.Tickets;

namespace ServiceDesk.Domain.Tests;

public sealed class RoutingTests
{
    private static readonly DateTime Start = TestDesk.Monday0900;

    [Fact]
    public void Raise_routes_to_the_services_default_resolver_group()
    {
        var desk = new TestDesk();

        var ticket = desk.Raise(desk.SwaleRequester, desk.Swale, desk.PasswordReset, Start);

        Assert.Equal(desk.ServiceDeskGroup.Id, ticket.ResolverGroupId);
        Assert.Equal(TicketStatus.New, ticket.Status);
        Assert.Null(ticket.AssigneeId);
    }

    [Fact]
    public void Raise_routes_a_Swale_desktop_hardware_ticket_to_Swale_on_site_desktop()
    {
        var desk = new TestDesk();

        var ticket = desk.Raise(desk.SwaleRequester, desk.Swale, desk.DesktopHardware, Start);

        Assert.Equal(desk.SwaleOnSite.Id, ticket.ResolverGroupId);
        Assert.Equal(desk.Swale.Id, ticket.CouncilId);
    }

    [Fact]
    public void Raise_routes_another_councils_desktop_hardware_ticket_to_the_default_group()
    {
        var desk = new TestDesk();

        var ticket = desk.Raise(desk.MaidstoneRequester, desk.Maidstone, desk.DesktopHardware, Start);

        Assert.Equal(desk.ServiceDeskGroup.Id, ticket.ResolverGroupId);
        Assert.Equal(desk.Maidstone.Id, ticket.CouncilId);
    }

    [Fact]
    public void Raise_for_a_council_the_requester_does_not_work_for_is_a_field_error_on_council()
    {
        var desk = new TestDesk();

        var error = Assert.Throws<FieldException>(() =>
            desk.Raise(desk.SwaleRequester, desk.Maidstone, desk.DesktopHardware, Start));

        Assert.Equal("council", error.Field);
    }

    [Fact]
    public void Assign_to_a_group_owned_by_another_council_is_a_field_error_on_resolverGroupId()
    {
        var desk = new TestDesk();
        var ticket = desk.TicketIn(TicketStatus.Assigned, Start);
        var version = ticket.Version;

        var error = Assert.Throws<FieldException>(() =>
            ticket.Assign(desk.MaidstoneOnSite, null, desk.Agent, Start.AddHours(1)));

        Assert.Equal("resolverGroupId", error.Field);
        Assert.Equal(desk.SwaleOnSite.Id, ticket.ResolverGroupId);
        Assert.Equal(version, ticket.Version);
    }

    [Fact]
    public void Assign_to_someone_not_in_the_group_is_a_field_error_on_assigneeEmail()
    {
        var desk = new TestDesk();
        var ticket = desk.TicketIn(TicketStatus.Assigned, Start);
        var version = ticket.Version;

        var error = Assert.Throws<FieldException>(() =>
            ticket.Assign(desk.SwaleOnSite, desk.Engineer, desk.Agent, Start.AddHours(1)));

        Assert.Equal("assigneeEmail", error.Field);
        Assert.Null(ticket.AssigneeId);
        Assert.Equal(version, ticket.Version);
    }

    [Fact]
    public void Assign_to_a_partnership_wide_group_is_allowed_for_any_council()
    {
        var desk = new TestDesk();
        var ticket = desk.TicketIn(TicketStatus.Assigned, Start);

        ticket.Assign(desk.ServiceDeskGroup, desk.Engineer, desk.Agent, Start.AddHours(1));

        Assert.Equal(desk.ServiceDeskGroup.Id, ticket.ResolverGroupId);
        Assert.Equal(desk.Engineer.Id, ticket.AssigneeId);
    }
}
