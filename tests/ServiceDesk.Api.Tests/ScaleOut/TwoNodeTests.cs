using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using Npgsql;
using ServiceDesk.Infrastructure.Jobs;
using ServiceDesk.TestSupport;

namespace ServiceDesk.Api.Tests.ScaleOut;

/// <summary>
/// Two desk nodes as real processes on one PostgreSQL database, with Redis, behind nginx (round-robin),
/// sending to a real SMTP server: what a partnership running several nodes relies on.
/// </summary>
public sealed partial class TwoNodeTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Two_nodes_behind_a_load_balancer_share_sign_ins_live_changes_jobs_and_mail_without_duplicates_or_losses()
    {
        await using var postgres = new PostgresServer();
        await postgres.InitializeAsync();
        RealParts.Require(postgres.Available, "postgresql", "The two-node test");
        await using var redis = new RedisServer();
        RealParts.Require(redis.Available, RedisServer.DebianPackage, "The two-node test");
        await using var nginx = new NginxBalancer();
        RealParts.Require(nginx.Available, NginxBalancer.DebianPackage, "The two-node test");
        await using var smtp = new SmtpSink();
        await smtp.InitializeAsync();
        RealParts.Require(smtp.Available, SmtpSink.DebianPackage, "The two-node test");
        await redis.StartAsync();

        // Both nodes start together on an empty database: one migrates and seeds, the other waits, both come up.
        var database = postgres.ConnectionString.Replace("Pooling=false", "Maximum Pool Size=30", StringComparison.Ordinal);
        await using var a = DeskNode.Start(database, redis.ConnectionString, smtp);
        await using var b = DeskNode.Start(database, redis.ConnectionString, smtp);
        await Task.WhenAll(a.WaitUntilReadyAsync(TimeSpan.FromSeconds(90)), b.WaitUntilReadyAsync(TimeSpan.FromSeconds(90)));
        await nginx.StartAsync([a.Port, b.Port]);
        Assert.Equal(3L, await ScalarAsync(database, """SELECT count(*) FROM "Councils" """));

        var agent = await BearerAsync(nginx.BaseUrl, Accounts.Agent);
        var alice = await BearerAsync(nginx.BaseUrl, Accounts.MaidstoneRequester);
        var serviceId = await alice.ServiceIdAsync("Printing and scanning");
        var reference = await alice.RaiseAsync(serviceId, "Two nodes: printer offline");

        // A cookie made on node A works on node B (one key ring in the database).
        var aliceCookie = await CookieAsync(a.BaseUrl, Accounts.MaidstoneRequester);
        using (var onB = new HttpClient { BaseAddress = new Uri(b.BaseUrl) })
        {
            onB.DefaultRequestHeaders.Add("Cookie", aliceCookie);
            Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync($"/api/v1/tickets/{reference}")).StatusCode);
        }

        // A change made through node A reaches a live page connected to node B (Redis backplane).
        var pushes = Channel.CreateUnbounded<string>();
        await using (var live = new HubConnectionBuilder().WithUrl($"{b.BaseUrl}/hubs/tickets", o => o.Headers["Cookie"] = aliceCookie).Build())
        {
            live.On<JsonElement>("ticketChanged", n => pushes.Writer.TryWrite(n.GetProperty("reference").GetString()!));
            await live.StartAsync();
            var agentOnA = await BearerAsync(a.BaseUrl, Accounts.Agent);
            await agentOnA.PostJsonAsync($"/api/v1/tickets/{reference}/comments", new { body = "Looking at it now.", @internal = false });
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            while (await pushes.Reader.ReadAsync(wait.Token) != reference) { }
        }

        // A burst of 200 replies over both nodes: each reply's email arrives once.
        var tickets = new List<string>();
        for (var i = 0; i < 10; i++) tickets.Add(await alice.RaiseAsync(serviceId, $"Two nodes: burst ticket {i}"));
        var first = await BurstAsync(agent, tickets, "first", repliesPerTicket: 20);
        Assert.Equal(200, first.Sent.Count);
        var served = nginx.Upstreams();
        Assert.Contains(served, u => u.EndsWith($":{a.Port}", StringComparison.Ordinal));
        Assert.Contains(served, u => u.EndsWith($":{b.Port}", StringComparison.Ordinal));
        var delivered = await DeliveredAsync(smtp, "first", first.Sent);
        Assert.All(first.Sent, marker => Assert.Equal(1, delivered.GetValueOrDefault(marker)));
        Assert.Equal(200, delivered.Count);

        // Recurring jobs ran, each scheduled run once, though both nodes run a job server.
        var runs = await RecurringRunsAsync(database);
        foreach (var job in new[] { SlaReconciliationJob.RecurringJobId, MonthlySlaReportJob.RecurringJobId })
        {
            var ofJob = runs.Where(r => r.Job == job).ToList();
            Assert.True(ofJob.Count >= 2, $"{job} ran {ofJob.Count} times");
            Assert.All(ofJob, r => Assert.True(r.Count == 1, $"{job} ran {r.Count} times for its run at {r.Time}"));
        }

        // Node B is killed mid-burst: nothing it accepted is lost; at most the message in hand goes twice.
        var killed = BurstAsync(agent, tickets, "second", repliesPerTicket: 10, onProgress: async done =>
        {
            if (done == 30) await b.KillAsync();
        });
        var second = await killed;
        Assert.True(second.Sent.Count >= 60, $"only {second.Sent.Count} of 100 replies were accepted after the kill");
        var afterKill = await DeliveredAsync(smtp, "second", second.Sent);
        Assert.All(second.Sent, marker => Assert.True(afterKill.GetValueOrDefault(marker) >= 1, $"{marker} was accepted but never sent"));
        Assert.True(afterKill.Values.Count(n => n > 1) <= 1, $"sent twice: {string.Join(", ", afterKill.Where(d => d.Value > 1).Select(d => d.Key))}");
        Assert.All(afterKill.Values, n => Assert.True(n <= 2));
    }

    private sealed record Burst(IReadOnlyList<string> Sent);

    /// <summary>Public replies on each ticket (one stream per ticket, all at once), each with a marker its email carries.</summary>
    private static async Task<Burst> BurstAsync(HttpClient agent, IReadOnlyList<string> tickets, string run, int repliesPerTicket, Func<int, Task>? onProgress = null)
    {
        var sent = new ConcurrentBag<string>();
        var done = 0;
        await Task.WhenAll(tickets.Select(async (reference, t) =>
        {
            for (var i = 0; i < repliesPerTicket; i++)
            {
                var marker = $"Burst-{run}-{t}-{i}";
                try
                {
                    var response = await agent.PostAsJsonAsync($"/api/v1/tickets/{reference}/comments", new { body = $"Reply {marker}.", @internal = false });
                    if (response.IsSuccessStatusCode) sent.Add(marker);
                }
                catch (HttpRequestException) { }
                if (onProgress is not null) await onProgress(Interlocked.Increment(ref done));
            }
        }));
        return new Burst([.. sent]);
    }

    /// <summary>Waits (to a deadline) until every expected marker has arrived, then counts each marker's emails of the run.</summary>
    private static async Task<Dictionary<string, int>> DeliveredAsync(SmtpSink smtp, string run, IReadOnlyCollection<string> expected)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (true)
        {
            var counts = smtp.Messages()
                .Select(m => Marker().Match(m.TextBody ?? ""))
                .Where(m => m.Success && m.Groups["run"].Value == run)
                .GroupBy(m => m.Value).ToDictionary(g => g.Key, g => g.Count());
            if (expected.All(counts.ContainsKey)) return counts;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"{expected.Count(e => !counts.ContainsKey(e))} of {expected.Count} emails of the {run} burst never arrived.");
            await Task.Delay(250);
        }
    }

    [GeneratedRegex(@"Burst-(?<run>\w+)-\d+-\d+")]
    private static partial Regex Marker();

    private sealed record RecurringRun(string Job, string? Time, long Count);

    /// <summary>The jobs Hangfire created from each recurring job, per scheduled run.</summary>
    private static async Task<List<RecurringRun>> RecurringRunsAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"""
            SELECT trim(both '"' from p.value), t.value, count(*)
            FROM {DeskJobStorage.Schema}.job j
            JOIN {DeskJobStorage.Schema}.jobparameter p ON p.jobid = j.id AND p.name = 'RecurringJobId'
            LEFT JOIN {DeskJobStorage.Schema}.jobparameter t ON t.jobid = j.id AND t.name = 'Time'
            GROUP BY p.value, t.value
            """, connection);
        var runs = new List<RecurringRun>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) runs.Add(new RecurringRun(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetInt64(2)));
        return runs;
    }

    private static async Task<long> ScalarAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<HttpClient> BearerAsync(string baseUrl, string email)
    {
        var client = new HttpClient { BaseAddress = new Uri(baseUrl) };
        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = "Demo-Desk-2026!" });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<string> CookieAsync(string baseUrl, string email)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        var login = await http.PostAsJsonAsync("/api/v1/auth/login?useCookies=true", new { email, password = "Demo-Desk-2026!" });
        login.EnsureSuccessStatusCode();
        return string.Join("; ", login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
    }
}
