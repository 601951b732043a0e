using System.Net;

namespace ServiceDesk.Api.Tests;

/// <summary>Who may raise what, for whom, and for which council.</summary>
[Collection(DeskCollection.Name)]
public sealed class RaisingTests(SharedDesk desk)
{
    [Fact]
    public async Task An_agent_logs_a_phone_call_on_behalf_of_a_requester()
    {
        var priya = await desk.SignInAsync(Accounts.Agent);
        var ticket = await priya.PostJsonAsync("/api/v1/tickets", new
        {
            type = "Incident", title = "Caller locked out", description = "Rang the desk: locked out after leave.",
            serviceId = await priya.ServiceIdAsync("Password and account access"), impact = "Low", urgency = "High",
            requesterEmail = Accounts.SwaleRequester, channel = "Phone",
        }, HttpStatusCode.Created);

        Assert.Equal("Phone", ticket.Str("channel"));
        Assert.Equal(Accounts.SwaleRequester, ticket.GetProperty("requester").Str("email"));
        Assert.Equal("SBC", ticket.GetProperty("council").Str("code"));
        Assert.Equal("P3", ticket.Str("priority"));
        // The requester now sees it among their own tickets.
        var frank = await desk.SignInAsync(Accounts.SwaleRequester);
        await frank.GetJsonAsync($"/api/v1/tickets/{ticket.Str("reference")}");
    }

    [Fact]
    public async Task An_agent_logging_for_an_unknown_address_in_a_council_domain_enrols_a_new_requester()
    {
        var priya = await desk.SignInAsync(Accounts.Agent);
        var ticket = await priya.PostJsonAsync("/api/v1/tickets", new
        {
            type = "Incident", title = "New starter cannot sign in", description = "First day; account not working.",
            serviceId = await priya.ServiceIdAsync("Password and account access"), impact = "Low", urgency = "Medium",
            requesterEmail = "new.starter@tunbridgewells.example", channel = "Phone",
        }, HttpStatusCode.Created);
        Assert.Equal("TWBC", ticket.GetProperty("council").Str("code"));
        Assert.Equal("New Starter", ticket.GetProperty("requester").Str("name"));

        var stranger = await priya.PostJsonAsync("/api/v1/tickets", new
        {
            type = "Incident", title = "From outside", description = "Not a council address.",
            serviceId = await priya.ServiceIdAsync("General enquiry"), impact = "Low", urgency = "Low",
            requesterEmail = "someone@elsewhere.example",
        }, HttpStatusCode.BadRequest);
        Assert.True(stranger.GetProperty("errors").TryGetProperty("requesterEmail", out _));
    }

    [Fact]
    public async Task A_requester_cannot_raise_for_someone_else_or_set_the_channel()
    {
        var alice = await desk.SignInAsync(Accounts.MaidstoneRequester);
        var service = await alice.ServiceIdAsync("General enquiry");
        await alice.PostJsonAsync("/api/v1/tickets", new
        {
            type = "Incident", title = "t", description = "d", serviceId = service, impact = "Low", urgency = "Low",
            requesterEmail = Accounts.MaidstoneRequester2,
        }, HttpStatusCode.Forbidden);
        var channel = await alice.PostJsonAsync("/api/v1/tickets", new
        {
            type = "Incident", title = "t", description = "d", serviceId = service, impact = "Low", urgency = "Low", channel = "Phone",
        }, HttpStatusCode.BadRequest);
        Assert.True(channel.GetProperty("errors").TryGetProperty("channel", out _));
    }

    [Fact]
    public async Task A_person_in_a_shared_post_chooses_the_council_and_defaults_to_their_main_one()
    {
        var sam = await desk.SignInAsync(Accounts.SharedPost);
        var service = await sam.ServiceIdAsync("Line-of-business applications");
        var forSwale = await sam.PostJsonAsync("/api/v1/tickets", new
        {
            type = "Incident", title = "Planning system slow", description = "Slow for Swale cases.", serviceId = service, impact = "Low", urgency = "Low",
        }, HttpStatusCode.Created);
        Assert.Equal("SBC", forSwale.GetProperty("council").Str("code"));
        var forTunbridgeWells = await sam.PostJsonAsync("/api/v1/tickets", new
        {
            type = "Incident", title = "Planning system slow", description = "Slow for TW cases.", serviceId = service, impact = "Low", urgency = "Low",
            councilCode = "TWBC",
        }, HttpStatusCode.Created);
        Assert.Equal("TWBC", forTunbridgeWells.GetProperty("council").Str("code"));
        var notMine = await sam.PostJsonAsync("/api/v1/tickets", new
        {
            type = "Incident", title = "t", description = "d", serviceId = service, impact = "Low", urgency = "Low", councilCode = "MBC",
        }, HttpStatusCode.BadRequest);
        Assert.True(notMine.GetProperty("errors").TryGetProperty("councilCode", out _));
    }

    [Fact]
    public async Task Desktop_hardware_for_Swale_is_routed_to_Swale_on_site_desktop()
    {
        var frank = await desk.SignInAsync(Accounts.SwaleRequester);
        var ticket = await frank.PostJsonAsync("/api/v1/tickets", new
        {
            type = "Incident", title = "Dock dead", description = "No screens.", serviceId = await frank.ServiceIdAsync("Desktop hardware"),
            impact = "Low", urgency = "Medium",
        }, HttpStatusCode.Created);
        Assert.Equal("Swale on-site desktop", ticket.GetProperty("resolverGroup").Str("name"));
        var alice = await desk.SignInAsync(Accounts.MaidstoneRequester);
        var email = await alice.PostJsonAsync("/api/v1/tickets", new
        {
            type = "Incident", title = "No mail", description = "Nothing arrives.", serviceId = await alice.ServiceIdAsync("Email and calendar"),
            impact = "Low", urgency = "Medium",
        }, HttpStatusCode.Created);
        Assert.Equal("Infrastructure & Servers", email.GetProperty("resolverGroup").Str("name"));
    }

    [Fact]
    public async Task References_come_from_one_partnership_wide_sequence()
    {
        var alice = await desk.SignInAsync(Accounts.MaidstoneRequester);
        var frank = await desk.SignInAsync(Accounts.SwaleRequester);
        var first = await alice.RaiseAsync(await alice.ServiceIdAsync("Telephony"));
        var second = await frank.RaiseAsync(await frank.ServiceIdAsync("Telephony"));
        Assert.Equal(int.Parse(first[3..], System.Globalization.CultureInfo.InvariantCulture) + 1, int.Parse(second[3..], System.Globalization.CultureInfo.InvariantCulture));
    }
}
