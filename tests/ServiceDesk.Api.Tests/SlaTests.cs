using System.Net;
using Hangfire;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceDesk.Core.Features.Sla;
using ServiceDesk.Infrastructure.Jobs;
using ServiceDesk.Infrastructure.Persistence;

namespace ServiceDesk.Api.Tests;

/// <summary>SLA and OLA clocks as the API shows them, run by timers and the reconciliation sweep.</summary>
public sealed class SlaTests
{
    /// <summary>Monday 23 November 2026 10:00 London (GMT): an ordinary working morning.</summary>
    private static readonly DateTimeOffset MondayMorning = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_ticket_shows_its_SLA_and_OLA_clocks_in_business_time()
    {
        await using var desk = new DeskFactory();
        var alice = await desk.SignInAsync(Accounts.MaidstoneRequester);
        var ticket = await alice.PostJsonAsync("/api/v1/tickets", new
        {
            type = "Incident", title = "Mail not arriving", description = "Nothing since nine.",
            serviceId = await alice.ServiceIdAsync("Email and calendar"), impact = "High", urgency = "Medium",
        }, HttpStatusCode.Created);

        Assert.Equal("P2", ticket.Str("priority"));
        var response = ticket.GetProperty("sla").GetProperty("response");
        var resolution = ticket.GetProperty("sla").GetProperty("resolution");
        // P2: respond within 1 business hour, resolve within 8: Monday 10:00 → 11:00, and 7 hours Monday + 1 Tuesday → Tuesday 09:30.
        Assert.Equal(new DateTime(2026, 11, 23, 11, 0, 0, DateTimeKind.Utc), response.GetProperty("dueAt").GetDateTime().ToUniversalTime());
        Assert.Equal(new DateTime(2026, 11, 24, 9, 30, 0, DateTimeKind.Utc), resolution.GetProperty("dueAt").GetDateTime().ToUniversalTime());
        Assert.Equal("Running", response.Str("state"));
        Assert.Equal(60, response.GetProperty("remainingBusinessMinutes").GetInt32());
        var ola = ticket.GetProperty("ola");
        Assert.Equal("Infrastructure & Servers", ola.GetProperty("resolverGroup").Str("name"));
        Assert.Equal("Running", ola.GetProperty("response").Str("state"));
    }

    [Fact]
    public async Task Waiting_for_the_customer_pauses_the_clocks_and_their_reply_resumes_them()
    {
        await using var desk = new DeskFactory();
        var alice = await desk.SignInAsync(Accounts.MaidstoneRequester);
        var priya = await desk.SignInAsync(Accounts.Agent);
        var reference = await alice.RaiseAsync(await alice.ServiceIdAsync("Telephony"), impact: "Medium", urgency: "Medium");
        var url = $"/api/v1/tickets/{reference}";
        var taken = await priya.PostJsonAsync($"{url}/take", null);
        Assert.Equal("Met", taken.GetProperty("sla").GetProperty("response").Str("state"));
        var dueBefore = taken.GetProperty("sla").GetProperty("resolution").GetProperty("dueAt").GetDateTime();

        await priya.PostJsonAsync($"{url}/comments", new { body = "Which handset model is it?" });
        var waiting = await priya.PostJsonAsync($"{url}/status", new { status = "AwaitingCustomer" });
        Assert.Equal("Paused", waiting.GetProperty("sla").GetProperty("resolution").Str("state"));

        // Two business hours pass while the desk waits.
        desk.Clock.Advance(TimeSpan.FromHours(2));
        var answered = await alice.PostJsonAsync($"{url}/comments", new { body = "A Yealink T54W." });
        var resolution = answered.GetProperty("sla").GetProperty("resolution");
        Assert.Equal("InProgress", answered.Str("status"));
        Assert.Equal("Running", resolution.Str("state"));
        Assert.Equal(120, resolution.GetProperty("pausedBusinessMinutes").GetInt32());
        Assert.Equal(dueBefore.AddHours(2), resolution.GetProperty("dueAt").GetDateTime());
    }

    [Fact]
    public async Task A_breach_is_recorded_once_by_the_timer_and_the_sweep_and_notified_to_owner_and_lead()
    {
        await using var desk = new DeskFactory();
        var alice = await desk.SignInAsync(Accounts.MaidstoneRequester);
        var priya = await desk.SignInAsync(Accounts.Agent);
        var reference = await alice.RaiseAsync(await alice.ServiceIdAsync("Email and calendar"), impact: "High", urgency: "High");
        var url = $"/api/v1/tickets/{reference}";
        await priya.PostJsonAsync($"{url}/take", null);
        var ticketId = long.Parse(reference[3..], System.Globalization.CultureInfo.InvariantCulture);

        // A timer that fires early (stale) records nothing.
        await desk.RunJobAsync<SlaTimerJob>(j => j.RunAsync(ticketId, CancellationToken.None));
        Assert.Empty(await HistoryOf(priya, url, "SLA breach"));

        // P1 resolution is 4 business hours; five pass.
        desk.Clock.Advance(TimeSpan.FromHours(5));
        await desk.RunJobAsync<SlaTimerJob>(j => j.RunAsync(ticketId, CancellationToken.None));
        await desk.RunJobAsync<SlaTimerJob>(j => j.RunAsync(ticketId, CancellationToken.None));
        await desk.SendAsync(new ReconcileSlaClocks());

        var breaches = await HistoryOf(priya, url, "SLA breach");
        Assert.Single(breaches);
        var ticket = await priya.GetJsonAsync(url);
        var resolution = ticket.GetProperty("sla").GetProperty("resolution");
        Assert.Equal("Breached", resolution.Str("state"));
        Assert.Equal(resolution.GetProperty("dueAt").GetDateTime(), resolution.GetProperty("breachedAt").GetDateTime());
        Assert.True(resolution.GetProperty("remainingBusinessMinutes").GetInt32() < 0);

        var breached = await priya.GetJsonAsync("/api/v1/tickets?slaState=breached&pageSize=200");
        Assert.Contains(breached.GetProperty("items").EnumerateArray(), t => t.Str("reference") == reference);
        Assert.All(breached.GetProperty("items").EnumerateArray(), t => Assert.Equal("Breached", t.Str("slaState")));

        // The owner and the resolver group's lead are told, through the outbox.
        using var scope = desk.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceDeskDbContext>();
        var mail = await db.Notifications.Where(n => n.TicketId == ticketId && n.Kind == "sla-resolution-breach").ToListAsync();
        Assert.Contains(mail, n => n.RecipientEmail == Accounts.Agent);
        Assert.Contains(mail, n => n.RecipientEmail == Accounts.Infrastructure);
        Assert.Equal(mail.Count, mail.Select(n => n.RecipientEmail).Distinct().Count());
        Assert.All(mail, n => Assert.Contains($"[{reference}]", n.Subject));
    }

    [Fact]
    public async Task After_a_restart_that_loses_every_timer_the_sweep_still_records_the_breach_exactly_once()
    {
        string file;
        string reference;
        await using (var before = new DeskFactory())
        {
            file = before.KeepDatabaseOnDispose();
            var alice = await before.SignInAsync(Accounts.MaidstoneRequester);
            reference = await alice.RaiseAsync(await alice.ServiceIdAsync("Network and Wi-Fi"), impact: "High", urgency: "High");
            // The node stops before anything falls due: its in-memory job storage goes with it.
        }

        try
        {
            // The desk comes back six business hours later with empty job storage.
            await using var after = new DeskFactory(file, MondayMorning.AddHours(6));
            Assert.Equal(0, after.Services.GetRequiredService<JobStorage>().GetMonitoringApi().ScheduledCount());
            await after.SendAsync(new ReconcileSlaClocks());
            await after.SendAsync(new ReconcileSlaClocks());

            var priya = await after.SignInAsync(Accounts.Agent);
            var url = $"/api/v1/tickets/{reference}";
            Assert.Single(await HistoryOf(priya, url, "SLA breach", "response"));
            Assert.Single(await HistoryOf(priya, url, "SLA breach", "resolution"));
            Assert.Equal("Breached", (await priya.GetJsonAsync(url)).GetProperty("sla").GetProperty("response").Str("state"));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    [Fact]
    public async Task The_nearest_breach_comes_first_when_sorting_by_sla()
    {
        await using var desk = new DeskFactory();
        var priya = await desk.SignInAsync(Accounts.Agent);
        var page = await priya.GetJsonAsync("/api/v1/tickets?sort=sla&status=New,Assigned,InProgress&pageSize=200");
        var dues = page.GetProperty("items").EnumerateArray()
            .Select(t => t.GetProperty("slaDueAt"))
            .Select(d => d.ValueKind == System.Text.Json.JsonValueKind.Null ? DateTime.MaxValue : d.GetDateTime())
            .ToList();
        Assert.NotEmpty(dues);
        Assert.Equal(dues.Order().ToList(), dues);
    }

    [Fact]
    public async Task The_job_dashboard_is_for_service_managers_only()
    {
        await using var desk = new DeskFactory();
        Assert.NotEqual(HttpStatusCode.OK, (await desk.CreateClient().GetAsync("/hangfire")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await (await CookieClient(desk, Accounts.Agent)).GetAsync("/hangfire")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await CookieClient(desk, Accounts.ServiceManager)).GetAsync("/hangfire")).StatusCode);
    }

    private static async Task<HttpClient> CookieClient(DeskFactory desk, string email)
    {
        var client = desk.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = true });
        await client.PostJsonAsync("/api/v1/auth/login?useCookies=true", new { email, password = "Demo-Desk-2026!" });
        return client;
    }

    private static async Task<List<string>> HistoryOf(HttpClient client, string url, string change, string? about = null)
    {
        var history = await client.GetJsonAsync($"{url}/history");
        return history.EnumerateArray()
            .Where(h => h.Str("change") == change && (about is null || h.Str("to").StartsWith(about, StringComparison.Ordinal)))
            .Select(h => h.Str("to"))
            .ToList();
    }
}
