using System.Net;
using System.Text.Json;

namespace ServiceDesk.Api.Tests;

/// <summary>
/// The whole life of a ticket walked through the API as its users would: a Maidstone requester
/// reports a printer fault, a desk agent takes and assigns it to the Maidstone on-site team, the
/// team asks a question, the requester answers, it is resolved, reopened, resolved again and
/// confirmed closed. Run against SQLite and PostgreSQL.
/// </summary>
public static class LifecycleScenario
{
    public static async Task RunAsync(DeskFactory desk)
    {
        var alice = await desk.SignInAsync(Accounts.MaidstoneRequester);
        var priya = await desk.SignInAsync(Accounts.Agent);
        var ellie = await desk.SignInAsync(Accounts.MaidstoneOnSite);

        var printing = await alice.ServiceIdAsync("Printing and scanning");
        var raised = await (await alice.PostAsync("/api/v1/tickets", System.Net.Http.Json.JsonContent.Create(new
        {
            type = "Incident", title = "Printer on floor 2 jams every job",
            description = "Every job jams; the whole planning team cannot print.",
            serviceId = printing, impact = "Medium", urgency = "High",
        }))).JsonAsync(HttpStatusCode.Created);
        var reference = raised.Str("reference");
        Assert.Matches("^SD-\\d{6}$", reference);
        Assert.Equal("New", raised.Str("status"));
        Assert.Equal("P2", raised.Str("priority"));
        Assert.Equal("Api", raised.Str("channel"));
        // Printing for Maidstone is hands-on work: routed to the council's on-site team.
        Assert.Equal("Maidstone on-site desktop", raised.GetProperty("resolverGroup").Str("name"));
        var url = $"/api/v1/tickets/{reference}";

        var taken = await priya.PostJsonAsync($"{url}/take", null);
        Assert.Equal("Assigned", taken.Str("status"));
        Assert.Equal(Accounts.Agent, taken.GetProperty("owner").Str("email"));

        var group = await priya.GroupIdAsync("Maidstone on-site desktop");
        var assigned = await priya.PostJsonAsync($"{url}/assign", new { resolverGroupId = group, assigneeEmail = Accounts.MaidstoneOnSite });
        Assert.Equal(Accounts.MaidstoneOnSite, assigned.GetProperty("assignee").Str("email"));

        await ellie.PostJsonAsync($"{url}/comments", new { body = "Fuser unit looks worn; check stock.", @internal = true });
        await ellie.PostJsonAsync($"{url}/status", new { status = "InProgress" });
        await ellie.PostJsonAsync($"{url}/comments", new { body = "Is it every tray, or only tray 2?" });
        var waiting = await ellie.PostJsonAsync($"{url}/status", new { status = "AwaitingCustomer" });
        Assert.Equal("AwaitingCustomer", waiting.Str("status"));

        // The requester sees the public question but never the internal note.
        var seenByAlice = await alice.GetJsonAsync(url);
        var conversation = seenByAlice.GetProperty("conversation").EnumerateArray().Select(c => c.Str("body")).ToList();
        Assert.Contains("Is it every tray, or only tray 2?", conversation);
        Assert.DoesNotContain(conversation, b => b.Contains("Fuser"));

        var answered = await alice.PostJsonAsync($"{url}/comments", new { body = "Only tray 2." });
        Assert.Equal("InProgress", answered.Str("status"));

        var resolved = await ellie.PostJsonAsync($"{url}/status", new { status = "Resolved", resolution = "Replaced the tray 2 feed roller." });
        Assert.Equal("Resolved", resolved.Str("status"));
        Assert.Equal("Replaced the tray 2 feed roller.", resolved.Str("resolution"));
        Assert.True(resolved.GetProperty("reopenUntil").GetDateTime() > desk.Clock.GetUtcNow().UtcDateTime);

        var reopened = await alice.PostJsonAsync($"{url}/reopen", new { reason = "Tray 2 jams again." });
        Assert.Equal("InProgress", reopened.Str("status"));
        Assert.Equal(JsonValueKind.Null, reopened.GetProperty("resolution").ValueKind);

        await ellie.PostJsonAsync($"{url}/status", new { status = "Resolved", resolution = "Replaced the whole tray 2 assembly." });
        var closed = await alice.PostJsonAsync($"{url}/close", null);
        Assert.Equal("Closed", closed.Str("status"));
        // The owner stayed accountable throughout, while the on-site team did the work.
        Assert.Equal(Accounts.Agent, closed.GetProperty("owner").Str("email"));

        // Closed is final.
        var again = await ellie.PostJsonAsync($"{url}/status", new { status = "InProgress" }, HttpStatusCode.Conflict);
        Assert.Contains("cannot move from Closed", again.Str("detail"));

        var history = await priya.GetJsonAsync($"{url}/history");
        var statuses = history.EnumerateArray()
            .Where(h => h.Str("change") == "Status")
            .Select(h => $"{h.Str("from")}>{h.Str("to")}")
            .ToList();
        Assert.Equal(
            ["New>Assigned", "Assigned>In progress", "In progress>Awaiting customer", "Awaiting customer>In progress",
             "In progress>Resolved", "Resolved>In progress", "In progress>Resolved", "Resolved>Closed"],
            statuses);
        Assert.All(history.EnumerateArray(), h => Assert.False(string.IsNullOrEmpty(h.Str("by"))));
        // The requester's view of the history leaves internal notes out.
        var requesterHistory = await alice.GetJsonAsync($"{url}/history");
        Assert.DoesNotContain(requesterHistory.EnumerateArray(), h => h.Str("change") == "Internal note");
    }
}
