using System.Net;

namespace ServiceDesk.Api.Tests;

/// <summary>A council's staff never see another council's tickets: not in a lookup, a list or a count.</summary>
[Collection(DeskCollection.Name)]
public sealed class SovereigntyTests(SharedDesk desk)
{
    [Fact]
    public async Task A_requester_of_another_council_gets_404_for_the_ticket_and_every_action_on_it()
    {
        var alice = await desk.SignInAsync(Accounts.MaidstoneRequester);
        var frank = await desk.SignInAsync(Accounts.SwaleRequester);
        var reference = await alice.RaiseAsync(await alice.ServiceIdAsync("Email and calendar"), "Maidstone-only mailbox fault");
        var url = $"/api/v1/tickets/{reference}";

        await frank.GetJsonAsync(url, HttpStatusCode.NotFound);
        await frank.GetJsonAsync($"{url}/history", HttpStatusCode.NotFound);
        await frank.PostJsonAsync($"{url}/comments", new { body = "hello" }, HttpStatusCode.NotFound);
        await frank.PostJsonAsync($"{url}/reopen", new { reason = "x" }, HttpStatusCode.NotFound);
        await frank.PostJsonAsync($"{url}/close", null, HttpStatusCode.NotFound);
        await frank.PostJsonAsync($"{url}/status", new { status = "InProgress" }, HttpStatusCode.NotFound);
        // Same answer as a reference that does not exist: nothing is revealed.
        var missing = await frank.GetJsonAsync("/api/v1/tickets/SD-999999", HttpStatusCode.NotFound);
        var hidden = await frank.GetJsonAsync(url, HttpStatusCode.NotFound);
        Assert.Equal(missing.Str("title"), hidden.Str("title"));
    }

    [Fact]
    public async Task A_requester_lists_and_counts_only_the_tickets_they_raised()
    {
        var frank = await desk.SignInAsync(Accounts.SwaleRequester);
        var alice = await desk.SignInAsync(Accounts.MaidstoneRequester);
        await alice.RaiseAsync(await alice.ServiceIdAsync("Telephony"), "Maidstone phone fault for the list test");

        var page = await frank.GetJsonAsync("/api/v1/tickets?pageSize=200");
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(page.GetProperty("total").GetInt32(), items.Count);
        Assert.All(items, t => Assert.Equal("Frank Green", t.Str("requester")));
        Assert.All(items, t => Assert.Equal("SBC", t.Str("councilCode")));

        // Filtering by another council, or searching its text, finds nothing.
        var mbc = await frank.GetJsonAsync("/api/v1/tickets?council=MBC");
        Assert.Equal(0, mbc.GetProperty("total").GetInt32());
        var search = await frank.GetJsonAsync("/api/v1/tickets?q=Maidstone%20phone%20fault");
        Assert.Equal(0, search.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task An_approver_sees_all_of_their_councils_tickets_and_none_of_anothers()
    {
        var david = await desk.SignInAsync(Accounts.MaidstoneApprover);
        var priya = await desk.SignInAsync(Accounts.Agent);

        var approverView = await david.GetJsonAsync("/api/v1/tickets?pageSize=200");
        var agentView = await priya.GetJsonAsync("/api/v1/tickets?council=MBC&pageSize=1");
        Assert.Equal(agentView.GetProperty("total").GetInt32(), approverView.GetProperty("total").GetInt32());
        Assert.All(approverView.GetProperty("items").EnumerateArray(), t => Assert.Equal("MBC", t.Str("councilCode")));
        var swale = await david.GetJsonAsync("/api/v1/tickets?council=SBC");
        Assert.Equal(0, swale.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Shared_ICT_staff_see_every_council()
    {
        var priya = await desk.SignInAsync(Accounts.Agent);
        var all = await priya.GetJsonAsync("/api/v1/tickets?pageSize=1");
        var sum = 0;
        foreach (var code in new[] { "MBC", "SBC", "TWBC" })
            sum += (await priya.GetJsonAsync($"/api/v1/tickets?council={code}&pageSize=1")).GetProperty("total").GetInt32();
        Assert.Equal(all.GetProperty("total").GetInt32(), sum);
        Assert.True(sum >= 150, $"the demo partnership should have about 200 tickets, found {sum}");
        var councils = await priya.GetJsonAsync("/api/v1/councils");
        Assert.Equal(3, councils.GetArrayLength());
    }

    [Fact]
    public async Task Council_staff_see_only_their_own_council_and_its_resolver_groups()
    {
        var frank = await desk.SignInAsync(Accounts.SwaleRequester);
        var councils = await frank.GetJsonAsync("/api/v1/councils");
        Assert.Equal(["SBC"], councils.EnumerateArray().Select(c => c.Str("code")));
        var groups = await frank.GetJsonAsync("/api/v1/resolver-groups");
        Assert.DoesNotContain(groups.EnumerateArray(), g => g.Str("name") == "Maidstone on-site desktop");
        Assert.Contains(groups.EnumerateArray(), g => g.Str("name") == "Swale on-site desktop");
    }

    [Fact]
    public async Task Anonymous_callers_are_refused_with_401()
    {
        var anonymous = desk.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/tickets")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_401_ProblemDetails()
    {
        var anonymous = desk.CreateClient();
        var problem = await anonymous.PostJsonAsync("/api/v1/auth/login", new { email = Accounts.Agent, password = "wrong" }, HttpStatusCode.Unauthorized);
        Assert.Equal("Sign-in refused.", problem.Str("title"));
    }
}
