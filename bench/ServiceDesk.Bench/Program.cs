using System.Diagnostics;
using System.Globalization;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceDesk.Core.Abstractions;
using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Domain.Calendars;
using ServiceDesk.Core.Domain.Sla;
using ServiceDesk.Core.Domain.Tickets;
using ServiceDesk.Core.Features.Sla;
using ServiceDesk.Core.Features.Tickets;
using ServiceDesk.Infrastructure.Persistence;

// Benchmarks of the SLA clocks (due-date arithmetic, and the reconciliation sweep over a large desk),
// and of mail ingest (a mailbox of varied messages read from a local Dovecot by the desk's poll job).
// Usage: dotnet run -c Release --project bench/ServiceDesk.Bench [openTickets]
//        dotnet run -c Release --project bench/ServiceDesk.Bench mail [messages]
//        dotnet run -c Release --project bench/ServiceDesk.Bench import [rows]
//        dotnet run -c Release --project bench/ServiceDesk.Bench dispatch [emails]
//        dotnet run -c Release --project bench/ServiceDesk.Bench raise [sqlite|postgresql] [seconds] [connections] [warm-up seconds]
//        dotnet run -c Release --project bench/ServiceDesk.Bench export [tickets] [otherTickets]
//        dotnet run -c Release --project bench/ServiceDesk.Bench load sqlite|postgresql CONNECTION-STRING [tickets] [open]
//        dotnet run -c Release --project bench/ServiceDesk.Bench queues sqlite|postgresql CONNECTION-STRING [tickets] [iterations]
//        dotnet run -c Release --project bench/ServiceDesk.Bench search sqlite|postgresql CONNECTION-STRING [runs]
CultureInfo.CurrentCulture = CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;

if (args is ["raise", ..])
    return await RaiseBench.RunAsync(args.Length > 1 ? args[1] : "sqlite", args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20,
        args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 16, args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 5);

if (args is ["import", ..])
    return await ImportBench.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5000);

if (args is ["dispatch", ..])
    return await DispatchBench.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000);
if (args is ["export", ..])
    return await ExportBench.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000,
        args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5_000);
if (args is ["load", var providerName, var connectionString, ..])
{
    var provider = Enum.Parse<ServiceDesk.Infrastructure.DatabaseProvider>(providerName, ignoreCase: true);
    var tickets = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 1_000_000;
    await BulkTickets.EnsureLoadedAsync(provider, connectionString,
        new BulkTickets.Counts(tickets, args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : tickets / 10));
    return 0;
}

if (args is ["queues", var queueProvider, var queueConnection, ..])
    return await QueueBench.RunAsync(Enum.Parse<ServiceDesk.Infrastructure.DatabaseProvider>(queueProvider, ignoreCase: true), queueConnection,
        args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 1_000_000, args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 100);

if (args is ["search", var searchProvider, var searchConnection, ..])
    return await SearchBench.RunAsync(Enum.Parse<ServiceDesk.Infrastructure.DatabaseProvider>(searchProvider, ignoreCase: true), searchConnection,
        args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 40);

if (args is ["mail", ..])
    return await MailIngestBench.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000);

var openTickets = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
Console.WriteLine($"ServiceDesk SLA benchmarks — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
DueDateArithmetic();
await ReconciliationSweep(openTickets);
return 0;

static void DueDateArithmetic()
{
    var calendar = new BusinessCalendar("Standard", new TimeOnly(8, 30), new TimeOnly(17, 0));
    foreach (var (date, name) in BankHolidays.EnglandAndWales) calendar.AddClosure(date, name, ClosureKind.BankHoliday);
    var random = new Random(1);
    var starts = Enumerable.Range(0, 10_000).Select(_ => new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(random.Next(0, 60 * 24 * 365))).ToArray();
    int[] targets = [30, 60, 240, 480, 1530, 2550, 5100];

    foreach (var (name, op) in new (string, Func<DateTime, int, long>)[]
    {
        ("AddBusinessMinutes (due date)", (s, t) => calendar.AddBusinessMinutes(s, t).Ticks),
        ("BusinessMinutesBetween", (s, t) => calendar.BusinessMinutesBetween(s, s.AddMinutes(t * 3))),
    })
    {
        long sink = 0, count = 0;
        var watch = Stopwatch.StartNew();
        while (watch.ElapsedMilliseconds < 2000)
            for (var i = 0; i < 1000; i++, count++)
                sink ^= op(starts[count % starts.Length], targets[count % targets.Length]);
        Console.WriteLine($"{name,-34} {count / watch.Elapsed.TotalSeconds,12:N0} per second   (sink {sink & 1})");
    }
}

static async Task ReconciliationSweep(int openTickets)
{
    var now = new DateTime(2026, 11, 23, 10, 0, 0, DateTimeKind.Utc);
    // No job server here: the sweep is the subject, run directly.
    await using var desk = await BenchDesk.StartAsync(now, new Dictionary<string, string?>(), _ => { });
    var provider = desk.Services;

    var load = Stopwatch.StartNew();
    await LoadOpenTickets(provider, openTickets, now);
    Console.WriteLine($"Loaded {openTickets:N0} open tickets with their clocks in {load.Elapsed.TotalSeconds:N1} s");

    for (var pass = 1; pass <= 3; pass++)
    {
        using var scope = provider.CreateScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        var watch = Stopwatch.StartNew();
        var recorded = await mediator.Send(new ReconcileSlaClocks());
        Console.WriteLine($"Reconciliation pass {pass} over {openTickets:N0} open tickets: {watch.Elapsed.TotalMilliseconds,9:N1} ms, {recorded:N0} warnings/breaches recorded");
    }
    // Time moves on a business hour: the warnings and breaches of that hour fall due.
    desk.Clock.Advance(TimeSpan.FromHours(1));
    using (var scope = provider.CreateScope())
    {
        var watch = Stopwatch.StartNew();
        var recorded = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new ReconcileSlaClocks());
        Console.WriteLine($"Reconciliation pass an hour later:                {watch.Elapsed.TotalMilliseconds,9:N1} ms, {recorded:N0} warnings/breaches recorded");
    }
    await QueueQueries(provider, openTickets);
}

// What the workspace's and the portal's lists ask of the database over a large desk: the first page
// of each queue, nearest breach first, as the pages ask for it (median of 7 after one warm-up).
static async Task QueueQueries(IServiceProvider provider, int openTickets)
{
    int agent, requester, group;
    using (var scope = provider.CreateScope())
    {
        var db = scope.ServiceProvider.GetRequiredService<ServiceDeskDbContext>();
        agent = await db.People.Where(p => p.Email == "priya.shah@sharedict.example").Select(p => p.Id).FirstAsync();
        requester = await db.People.Where(p => p.Email == "alice.turner@maidstone.example").Select(p => p.Id).FirstAsync();
        group = await db.ResolverGroups.Where(g => g.Name == "Service Desk").Select(g => g.Id).FirstAsync();
    }
    const string open = "New,Assigned,InProgress,AwaitingCustomer";
    foreach (var (name, who, query) in new (string, int, ListTickets)[]
    {
        ("New queue (unowned, open)", agent, new ListTickets(Status: open, Owner: "none", PageSize: 50, Sort: "sla")),
        ("Service Desk group queue", agent, new ListTickets(Status: open, ResolverGroupId: group, PageSize: 50, Sort: "sla")),
        ("All open, breached only", agent, new ListTickets(Status: open, SlaState: "Breached", PageSize: 50, Sort: "sla")),
        ("A requester's My tickets", requester, new ListTickets(Status: open, Requester: "me", PageSize: 25, Sort: "-updated")),
    })
    {
        provider.GetRequiredService<BenchActor>().PersonId = who;
        var times = new List<double>();
        var total = 0;
        for (var run = 0; run < 8; run++)
        {
            using var scope = provider.CreateScope();
            var watch = Stopwatch.StartNew();
            total = (await scope.ServiceProvider.GetRequiredService<IMediator>().Send(query)).Total;
            if (run > 0) times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        Console.WriteLine($"{name,-34} over {openTickets:N0} open: {times[times.Count / 2],8:N1} ms median (of {total:N0} matching)");
    }
    provider.GetRequiredService<BenchActor>().PersonId = null;
}

// Open tickets raised over the last five business days, spread over councils, services and priorities.
static async Task LoadOpenTickets(IServiceProvider provider, int count, DateTime now)
{
    using var scope = provider.CreateScope();
    var db = scope.ServiceProvider.GetRequiredService<ServiceDeskDbContext>();
    var book = scope.ServiceProvider.GetRequiredService<SlaPolicyBook>();
    var councils = await db.Councils.ToListAsync();
    var requesters = await db.People.Include(p => p.Memberships).Where(p => p.MainCouncilId != null).ToListAsync();
    var services = await db.Services.Include(s => s.Routes).Where(s => s.Tier == ServiceTier.Essential).ToListAsync();
    var groups = await db.ResolverGroups.ToDictionaryAsync(g => g.Id);
    var random = new Random(7);
    db.ChangeTracker.AutoDetectChangesEnabled = false;
    var batch = 0;
    for (var i = 0; i < count; i++)
    {
        var requester = requesters[random.Next(requesters.Count)];
        var council = councils.First(c => c.Id == requester.MainCouncilId);
        var calendar = await book.CalendarOfCouncilAsync(council.Id, default);
        var created = calendar.AddBusinessMinutes(now.AddDays(-7), random.Next(0, 5 * 510));
        if (created > now) created = now.AddMinutes(-random.Next(1, 600));
        var service = services[random.Next(services.Count)];
        var ticket = Ticket.Raise(TicketType.Incident, $"Load ticket {i}", "Generated for the benchmark.", requester, council,
            service, groups[service.ResolverGroupFor(council.Id)], null, (Impact)random.Next(3), (Urgency)random.Next(3), Channel.Api, Actor.Of(requester), created);
        ticket.UpdateClocks(await book.TermsForAsync(ticket, default), created);
        ticket.ClearDomainEvents();
        db.Tickets.Add(ticket);
        if (++batch == 5000)
        {
            await db.SaveChangesAsync();
            // Let the saved tickets go; keep the partnership they point at.
            foreach (var entry in db.ChangeTracker.Entries().Where(e => e.Entity is Ticket or SlaClock or TicketHistoryEntry).ToList())
                entry.State = EntityState.Detached;
            batch = 0;
        }
    }
    await db.SaveChangesAsync();
}

