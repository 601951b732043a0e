using System.Net;
using ServiceDesk.Infrastructure.Jobs;

namespace ServiceDesk.Api.Tests;

/// <summary>Service managers run the calendars and service levels without touching the database.</summary>
public sealed class ServiceLevelAdministrationTests
{
    [Fact]
    public async Task A_closure_day_added_by_a_service_manager_moves_open_tickets_due_instants()
    {
        await using var desk = new DeskFactory();
        var rob = await desk.SignInAsync(Accounts.ServiceManager);
        var alice = await desk.SignInAsync(Accounts.MaidstoneRequester);
        // A P4 raised on Monday 23 November 2026 10:00: resolution due in 5 business days, Monday 30th 10:00.
        var ticket = await alice.PostJsonAsync("/api/v1/tickets", new
        {
            type = "Incident", title = "Scanner slow", description = "Takes minutes per page.",
            serviceId = await alice.ServiceIdAsync("Printing and scanning"), impact = "Medium", urgency = "Low",
        }, HttpStatusCode.Created);
        var url = $"/api/v1/tickets/{ticket.Str("reference")}";
        Assert.Equal(new DateTime(2026, 11, 30, 10, 0, 0, DateTimeKind.Utc), DueOf(ticket));

        var calendars = await rob.GetJsonAsync("/api/v1/calendars");
        var standard = calendars.EnumerateArray().Single(c => c.GetProperty("councils").EnumerateArray().Any(x => x.GetString() == "MBC"));
        Assert.Contains(standard.GetProperty("closureDays").EnumerateArray(), d => d.Str("date") == "2026-12-25");

        var updated = await rob.PostJsonAsync($"/api/v1/calendars/{standard.GetProperty("id").GetInt32()}/closures",
            new { date = "2026-11-26", name = "Staff training day" }, HttpStatusCode.Created);
        Assert.Contains(updated.GetProperty("closureDays").EnumerateArray(), d => d.Str("date") == "2026-11-26" && d.Str("kind") == "Closure");
        await desk.RunJobAsync<RecalculateClocksJob>(j => j.RunAsync(CancellationToken.None));

        // One business day fewer in the week: due a business day later, Tuesday 1 December 10:00.
        Assert.Equal(new DateTime(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc), DueOf(await alice.GetJsonAsync(url)));

        await rob.PostJsonAsync($"/api/v1/calendars/{standard.GetProperty("id").GetInt32()}/closures",
            new { date = "2026-11-26", name = "Again" }, HttpStatusCode.Conflict);
        var bad = await rob.PostJsonAsync($"/api/v1/calendars/{standard.GetProperty("id").GetInt32()}/closures",
            new { name = "No date" }, HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("date", out _));
    }

    [Fact]
    public async Task Only_service_managers_change_service_levels_and_council_staff_cannot_see_them()
    {
        await using var desk = new DeskFactory();
        var priya = await desk.SignInAsync(Accounts.Agent);
        var alice = await desk.SignInAsync(Accounts.MaidstoneRequester);
        var body = new { response = new { amount = 15, unit = "Minutes" }, resolution = new { amount = 2, unit = "Hours" } };

        await priya.GetJsonAsync("/api/v1/sla-policies");
        await alice.GetJsonAsync("/api/v1/sla-policies", HttpStatusCode.Forbidden);
        await alice.GetJsonAsync("/api/v1/calendars", HttpStatusCode.Forbidden);
        await priya.PostJsonAsync("/api/v1/calendars/1/closures", new { date = "2026-12-31", name = "x" }, HttpStatusCode.Forbidden);
        using var put = new HttpRequestMessage(HttpMethod.Put, "/api/v1/sla-policies/Essential/P1") { Content = System.Net.Http.Json.JsonContent.Create(body) };
        Assert.Equal(HttpStatusCode.Forbidden, (await priya.SendAsync(put)).StatusCode);
    }

    [Fact]
    public async Task A_changed_SLA_target_applies_to_open_tickets_from_their_original_start()
    {
        await using var desk = new DeskFactory();
        var rob = await desk.SignInAsync(Accounts.ServiceManager);
        var alice = await desk.SignInAsync(Accounts.MaidstoneRequester);
        var policies = await rob.GetJsonAsync("/api/v1/sla-policies");
        var p1 = policies.EnumerateArray().Single(p => p.Str("tier") == "Essential" && p.Str("priority") == "P1");
        Assert.Equal(30, p1.GetProperty("response").GetProperty("amount").GetInt32());
        Assert.Equal("Minutes", p1.GetProperty("response").Str("unit"));

        var ticket = await alice.PostJsonAsync("/api/v1/tickets", new
        {
            type = "Incident", title = "Whole floor offline", description = "No network on floor 3.",
            serviceId = await alice.ServiceIdAsync("Network and Wi-Fi"), impact = "High", urgency = "High",
        }, HttpStatusCode.Created);
        Assert.Equal(new DateTime(2026, 11, 23, 14, 0, 0, DateTimeKind.Utc), DueOf(ticket));

        using var put = new HttpRequestMessage(HttpMethod.Put, "/api/v1/sla-policies/Essential/P1")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { response = new { amount = 15, unit = "Minutes" }, resolution = new { amount = 2, unit = "Hours" } }),
        };
        var changed = await (await rob.SendAsync(put)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, changed.GetProperty("resolution").GetProperty("amount").GetInt32());
        await desk.RunJobAsync<RecalculateClocksJob>(j => j.RunAsync(CancellationToken.None));

        var after = await alice.GetJsonAsync($"/api/v1/tickets/{ticket.Str("reference")}");
        Assert.Equal(new DateTime(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc), DueOf(after));
        // The desk's copy of the targets, read for the first ticket, gave way to the change at once.
        var next = await alice.PostJsonAsync("/api/v1/tickets", new
        {
            type = "Incident", title = "Floor 4 offline too", description = "No network on floor 4 either.",
            serviceId = await alice.ServiceIdAsync("Network and Wi-Fi"), impact = "High", urgency = "High",
        }, HttpStatusCode.Created);
        Assert.Equal(new DateTime(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc), DueOf(next));

        using var bad = new HttpRequestMessage(HttpMethod.Put, "/api/v1/sla-policies/Essential/P1")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { response = new { amount = 0, unit = "Fortnights" } }),
        };
        var problem = await (await rob.SendAsync(bad)).JsonAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("response.amount", out _), problem.ToString());
        Assert.True(errors.TryGetProperty("response.unit", out _), problem.ToString());
        Assert.True(errors.TryGetProperty("resolution", out _), problem.ToString());
    }

    private static DateTime DueOf(System.Text.Json.JsonElement ticket) =>
        ticket.GetProperty("sla").GetProperty("resolution").GetProperty("dueAt").GetDateTime().ToUniversalTime();
}
