using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ServiceDesk.Api.Tests;

/// <summary>Service managers run the partnership (councils, catalogue, resolver groups) without touching the database.</summary>
public sealed class PartnershipAdministrationTests
{
    [Fact]
    public async Task A_service_manager_changes_a_councils_domains_and_report_recipients_and_no_one_else_can()
    {
        await using var desk = new DeskFactory();
        var rob = await desk.SignInAsync(Accounts.ServiceManager);
        var mbc = (await rob.GetJsonAsync("/api/v1/councils")).EnumerateArray().Single(c => c.Str("code") == "MBC");
        Assert.Contains(Accounts.MaidstoneApprover, mbc.GetProperty("reportRecipients").EnumerateArray().Select(r => r.GetString()));

        var changed = await PutAsync(rob, "/api/v1/councils/MBC", new
        {
            name = "Maidstone Borough Council", mailDomains = new[] { "maidstone.example", "Maidstone-Leisure.example " },
            activeUsers = 640, calendarId = mbc.GetProperty("calendarId").GetInt32(),
            reportRecipients = new[] { "performance@maidstone.example" },
        }, HttpStatusCode.OK);
        Assert.Equal(["maidstone.example", "maidstone-leisure.example"], changed.GetProperty("mailDomains").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal(640, changed.GetProperty("activeUsers").GetInt32());

        // Mail from the new domain now enrols a Maidstone requester.
        var priya = await desk.SignInAsync(Accounts.Agent);
        var ticket = await priya.PostJsonAsync("/api/v1/tickets", new
        {
            type = "Incident", title = "Gym booking system down", description = "Phoned in.", serviceId = await priya.ServiceIdAsync("General enquiry"),
            impact = "Low", urgency = "Low", requesterEmail = "reception@maidstone-leisure.example", channel = "Phone",
        }, HttpStatusCode.Created);
        Assert.Equal("MBC", ticket.GetProperty("council").Str("code"));

        // A domain belongs to one council only.
        var clash = await PutAsync(rob, "/api/v1/councils/MBC", new
        {
            name = "Maidstone Borough Council", mailDomains = new[] { "swale.example" }, activeUsers = 640,
            calendarId = mbc.GetProperty("calendarId").GetInt32(),
        }, HttpStatusCode.BadRequest);
        Assert.Contains("Swale", clash.GetProperty("errors").GetProperty("mailDomains")[0].GetString());
        var bad = await PutAsync(rob, "/api/v1/councils/MBC", new { name = "", mailDomains = new[] { "not a domain" }, activeUsers = -1 }, HttpStatusCode.BadRequest);
        foreach (var field in new[] { "name", "mailDomains", "activeUsers", "calendarId" })
            Assert.True(bad.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}: {bad}");

        var agent = await PutAsync(priya, "/api/v1/councils/MBC", new { name = "X", mailDomains = new[] { "x.example" }, activeUsers = 1, calendarId = 1 }, HttpStatusCode.Forbidden);
        Assert.Contains("service managers", agent.Str("detail"));
        var approver = await desk.SignInAsync(Accounts.MaidstoneApprover);
        await PutAsync(approver, "/api/v1/councils/MBC", new { name = "X", mailDomains = new[] { "x.example" }, activeUsers = 1, calendarId = 1 }, HttpStatusCode.Forbidden);
        await PutAsync(rob, "/api/v1/councils/XYZ", new { name = "X", mailDomains = new[] { "x.example" }, activeUsers = 1, calendarId = 1 }, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_service_manager_adds_prices_and_retires_catalogue_services()
    {
        await using var desk = new DeskFactory();
        var rob = await desk.SignInAsync(Accounts.ServiceManager);
        var desktopGroup = await rob.GroupIdAsync("Service Desk");
        var added = await rob.PostJsonAsync("/api/v1/catalogue", new
        {
            name = "Standing desk converter", description = "A sit-stand converter for an existing desk.", tier = "Enhanced", unitCost = 145.50m,
            defaultResolverGroupId = desktopGroup, newCategories = new[] { "Standard", "Wide" },
        }, HttpStatusCode.Created);
        Assert.True(added.GetProperty("requiresApproval").GetBoolean());
        Assert.Equal(145.50m, added.GetProperty("unitCost").GetDecimal());
        Assert.Equal(2, added.GetProperty("categories").GetArrayLength());

        var alice = await desk.SignInAsync(Accounts.MaidstoneRequester);
        Assert.Contains((await alice.GetJsonAsync("/api/v1/catalogue")).EnumerateArray(), s => s.Str("name") == "Standing desk converter");

        var essentialWithCost = await rob.PostJsonAsync("/api/v1/catalogue", new
        {
            name = "Free thing", description = "d", tier = "Essential", unitCost = 10, defaultResolverGroupId = desktopGroup,
        }, HttpStatusCode.BadRequest);
        Assert.True(essentialWithCost.GetProperty("errors").TryGetProperty("unitCost", out _));
        var duplicate = await rob.PostJsonAsync("/api/v1/catalogue", new
        {
            name = "Standing desk converter", description = "d", tier = "Enhanced", unitCost = 1, defaultResolverGroupId = desktopGroup,
        }, HttpStatusCode.BadRequest);
        Assert.True(duplicate.GetProperty("errors").TryGetProperty("name", out _));

        var id = added.GetProperty("id").GetInt32();
        await PutAsync(rob, $"/api/v1/catalogue/{id}", new
        {
            name = "Standing desk converter", description = "A sit-stand converter for an existing desk.", tier = "Enhanced", unitCost = 145.50m,
            defaultResolverGroupId = desktopGroup, active = false,
        }, HttpStatusCode.OK);
        Assert.DoesNotContain((await alice.GetJsonAsync("/api/v1/catalogue")).EnumerateArray(), s => s.Str("name") == "Standing desk converter");
        await alice.PostJsonAsync("/api/v1/catalogue", new { name = "Mine", description = "d", tier = "Enhanced", unitCost = 1, defaultResolverGroupId = desktopGroup }, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_council_group_is_staffed_by_its_own_council_and_its_members_then_see_its_tickets()
    {
        await using var desk = new DeskFactory();
        var rob = await desk.SignInAsync(Accounts.ServiceManager);
        var group = await rob.PostJsonAsync("/api/v1/resolver-groups", new { name = "Maidstone revenues systems", councilCode = "MBC" }, HttpStatusCode.Created);
        var id = group.GetProperty("id").GetInt32();
        Assert.Equal("MBC", group.Str("councilCode"));

        var stranger = await rob.PostJsonAsync($"/api/v1/resolver-groups/{id}/members", new { email = Accounts.SwaleRequester }, HttpStatusCode.BadRequest);
        Assert.True(stranger.GetProperty("errors").TryGetProperty("email", out _));
        var staffed = await rob.PostJsonAsync($"/api/v1/resolver-groups/{id}/members", new { email = Accounts.MaidstoneRequester2, lead = true });
        Assert.Equal(Accounts.MaidstoneRequester2, staffed.Str("lead"));

        // Ben now works the group's tickets: one assigned to it appears in his list.
        var priya = await desk.SignInAsync(Accounts.Agent);
        var alice = await desk.SignInAsync(Accounts.MaidstoneRequester);
        var reference = await alice.RaiseAsync(await alice.ServiceIdAsync("Line-of-business applications"), "Council tax screen blank");
        await priya.PostJsonAsync($"/api/v1/tickets/{reference}/assign", new { resolverGroupId = id });
        var ben = await desk.SignInAsync(Accounts.MaidstoneRequester2);
        var benSees = await ben.GetJsonAsync($"/api/v1/tickets?resolverGroupId={id}");
        Assert.Contains(benSees.GetProperty("items").EnumerateArray(), t => t.Str("reference") == reference);

        var removed = await DeleteAsync(rob, $"/api/v1/resolver-groups/{id}/members/{Accounts.MaidstoneRequester2}");
        Assert.Equal(JsonValueKind.Null, removed.GetProperty("lead").ValueKind);
        await ben.GetJsonAsync($"/api/v1/tickets/{reference}", HttpStatusCode.NotFound);
        await rob.PostJsonAsync("/api/v1/resolver-groups", new { name = "Maidstone revenues systems" }, HttpStatusCode.BadRequest);
    }

    private static async Task<JsonElement> PutAsync(HttpClient client, string url, object body, HttpStatusCode expected) =>
        await (await client.PutAsJsonAsync(url, body)).JsonAsync(expected);

    private static async Task<JsonElement> DeleteAsync(HttpClient client, string url) =>
        await (await client.DeleteAsync(url)).JsonAsync(HttpStatusCode.OK);
}
