using System.Data.Common;
using System.Diagnostics;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Domain.Tickets;
using ServiceDesk.Core.Features.Tickets;
using ServiceDesk.Infrastructure;
using ServiceDesk.Infrastructure.Persistence;

/// <summary>
/// The queues and the ticket detail over a desk of a million tickets (bench/queues.sh): each list the
/// desk page and the API ask for (every queue, filter and order, first pages and pages reached by
/// cursor) and the detail of a ticket, as a shared ICT agent, a council resolver-group member and a
/// requester. Each runs through the use case (MediatR: validation, the viewer's sovereignty rules,
/// the queries), in a fresh scope as a request has, without HTTP or rendering. The yardstick, measured
/// in the same run, is reading one ticket row by its primary key through plain ADO.NET.
/// </summary>
static class QueueBench
{
    public static async Task<int> RunAsync(DatabaseProvider provider, string connectionString, int count, int iterations)
    {
        await BulkTickets.EnsureLoadedAsync(provider, connectionString, new BulkTickets.Counts(count, count / 10));
        // SERVICEDESK_BENCH_SQL=1 prints each SQL command EF sends with its time (for EXPLAIN), not for timed runs.
        var showSql = Environment.GetEnvironmentVariable("SERVICEDESK_BENCH_SQL") == "1";
        await using var desk = await BenchDesk.OpenAsync(provider, connectionString, BulkTickets.Now, new Dictionary<string, string?>(), _ => { },
            showSql ? l => l.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Information) : null);
        var services = desk.Services;
        var actor = services.GetRequiredService<BenchActor>();

        int agent, member, requester, serviceDesk, onSite;
        long[] openIds, memberIds, requesterIds;
        using (var scope = services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ServiceDeskDbContext>();
            agent = await db.People.Where(p => p.Email == "priya.shah@sharedict.example").Select(p => p.Id).FirstAsync();
            member = await db.People.Where(p => p.Email == "ellie.moss@maidstone.example").Select(p => p.Id).FirstAsync();
            requester = await db.People.Where(p => p.Email == "alice.turner@maidstone.example").Select(p => p.Id).FirstAsync();
            serviceDesk = await db.ResolverGroups.Where(g => g.Name == "Service Desk").Select(g => g.Id).FirstAsync();
            onSite = await db.ResolverGroups.Where(g => g.Name == "Maidstone on-site desktop").Select(g => g.Id).FirstAsync();
            openIds = await db.Tickets.Where(t => t.IsOpen).OrderBy(t => t.Id).Select(t => t.Id).Take(2000).ToArrayAsync();
            memberIds = await db.Tickets.Where(t => t.ResolverGroupId == onSite).OrderByDescending(t => t.Id).Select(t => t.Id).Take(200).ToArrayAsync();
            requesterIds = await db.Tickets.Where(t => t.RequesterId == requester).Select(t => t.Id).Take(200).ToArrayAsync();
        }
        Console.WriteLine($"Queues over {count:N0} tickets on {provider}: {iterations} timed runs each after 3 warm-ups, through the use cases (MediatR), not HTTP.");

        // The yardstick: one ticket row by primary key, plain ADO.NET on the desk's own connection.
        var random = new Random(42);
        var yardstick = await TimeAsync(iterations * 4, async () =>
        {
            using var scope = services.CreateScope();
            var connection = scope.ServiceProvider.GetRequiredService<ServiceDeskDbContext>().Database.GetDbConnection();
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT * FROM \"Tickets\" WHERE \"Id\" = " + openIds[random.Next(openIds.Length)];
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) { }
        });
        Console.WriteLine($"{"yardstick: one ticket row by primary key (ADO.NET)",-62} p50 {yardstick.P50,7:N2} ms  p95 {yardstick.P95,7:N2} ms");
        Console.WriteLine();
        Console.WriteLine($"| {"who: list or detail",-60} | matching | p50 ms | p95 ms | p50 × yardstick | p95 × yardstick |");
        Console.WriteLine($"|{new string('-', 62)}|---:|---:|---:|---:|---:|");

        const string open = "New,Assigned,InProgress,AwaitingCustomer";
        var desk50 = new ListTickets(Status: open, PageSize: 50, Sort: "sla");
        var lists = new List<(string Name, int Who, ListTickets Query, int Pages)>
        {
            ("agent: New queue (desk page)", agent, desk50 with { Owner = "none", AwaitingApproval = false }, 1),
            ("agent: New queue, 3rd page by cursor", agent, desk50 with { Owner = "none", AwaitingApproval = false }, 3),
            ("agent: Mine", agent, desk50 with { Owner = "me" }, 1),
            ("agent: Awaiting approval", agent, desk50 with { AwaitingApproval = true }, 1),
            ("agent: Assigned to me", agent, desk50 with { Assignee = "me" }, 1),
            ("agent: Service Desk group", agent, desk50 with { ResolverGroupId = serviceDesk }, 1),
            ("agent: All open", agent, desk50, 1),
            ("agent: All open, 20th page by cursor", agent, desk50, 20),
            ("agent: All open, council MBC", agent, desk50 with { Council = "MBC" }, 1),
            ("agent: All open, priority P2", agent, desk50 with { Priority = "P2" }, 1),
            ("agent: All open, breached", agent, desk50 with { SlaState = "Breached" }, 1),
            ("agent: All open, status In progress", agent, desk50 with { Status = "InProgress" }, 1),
            ("agent: All open, newest first", agent, desk50 with { Sort = "-created" }, 1),
            ("agent: All open, oldest first", agent, desk50 with { Sort = "created" }, 1),
            ("agent: All open, highest priority first", agent, desk50 with { Sort = "priority" }, 1),
            ("agent: All open, recently updated", agent, desk50 with { Sort = "-updated" }, 1),
            ("agent: API default (every ticket, newest first, 25)", agent, new ListTickets(), 1),
            ("agent: API, closed tickets, 2nd page by cursor", agent, new ListTickets(Status: "Closed"), 2),
            ("group member: Maidstone on-site desktop", member, desk50 with { ResolverGroupId = onSite }, 1),
            ("group member: Assigned to me", member, desk50 with { Assignee = "me" }, 1),
            ("requester: My tickets (open)", requester, new ListTickets(Status: open, Requester: "me", PageSize: 25, Sort: "-updated"), 1),
        };
        // SERVICEDESK_BENCH_ONLY=detail times only the rows whose name contains it.
        var only = Environment.GetEnvironmentVariable("SERVICEDESK_BENCH_ONLY") ?? "";
        foreach (var (name, who, query, pages) in lists.Where(l => l.Name.Contains(only, StringComparison.OrdinalIgnoreCase)))
        {
            actor.PersonId = who;
            // The cursor of the page before the one timed, as the pager's Next link carries it.
            string? cursor = null;
            var total = "";
            for (var p = 1; p < pages; p++) cursor = (await SendAsync(services, query with { Cursor = cursor })).Next;
            var timing = await TimeAsync(iterations, async () =>
            {
                var page = await SendAsync(services, query with { Cursor = cursor });
                total = page.TotalIsCapped ? $"{page.Total:N0}+" : $"{page.Total:N0}";
            });
            Print(name, total, timing, yardstick);
        }

        foreach (var (name, who, ids) in new[]
        {
            ("agent: ticket detail", agent, openIds),
            ("group member: ticket detail (their group's)", member, memberIds),
            ("requester: ticket detail (their own)", requester, requesterIds),
        }.Where(d => d.Item1.Contains(only, StringComparison.OrdinalIgnoreCase)))
        {
            actor.PersonId = who;
            var timing = await TimeAsync(iterations, async () =>
            {
                using var scope = services.CreateScope();
                await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new GetTicket(TicketReference.Format(ids[random.Next(ids.Length)])));
            });
            Print(name, "1", timing, yardstick);
        }
        actor.PersonId = null;
        return 0;
    }

    private static async Task<PagedList<TicketSummary>> SendAsync(IServiceProvider services, ListTickets query)
    {
        using var scope = services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(query);
    }

    private static void Print(string name, string matching, (double P50, double P95) timing, (double P50, double P95) yardstick) =>
        Console.WriteLine($"| {name,-60} | {matching} | {timing.P50:N1} | {timing.P95:N1} | {timing.P50 / yardstick.P50:N0}× | {timing.P95 / yardstick.P95:N0}× |");

    private static async Task<(double P50, double P95)> TimeAsync(int iterations, Func<Task> run)
    {
        for (var i = 0; i < 3; i++) await run();
        var times = new double[iterations];
        for (var i = 0; i < iterations; i++)
        {
            var watch = Stopwatch.StartNew();
            await run();
            times[i] = watch.Elapsed.TotalMilliseconds;
        }
        Array.Sort(times);
        return (times[(int)Math.Ceiling(iterations * 0.5) - 1], times[(int)Math.Ceiling(iterations * 0.95) - 1]);
    }
}
