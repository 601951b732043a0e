using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore.Diagnostics;
using ServiceDesk.Core.Abstractions;
using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Domain.Email;
using ServiceDesk.Core.Domain.Notifications;
using ServiceDesk.Core.Domain.Tickets;
using ServiceDesk.Core.Features.Privacy;
using ServiceDesk.Core.Features.Sla;
using ServiceDesk.Infrastructure.Persistence;

/// <summary>
/// Right of access (issue 19): one person with N tickets (replies, internal notes, history, the email
/// that raised each, the desk's mail to them, a rating, and audit entries naming them) on a SQLite desk
/// of the demo partnership with other people's tickets around them; the desk's own
/// <see cref="ExportPersonalData"/> run as a service manager asks for it. The yardstick, measured in the
/// same run, writes as many rows of the same texts to a ZIP as plain JSON: the least an export can cost.
/// </summary>
static class ExportBench
{
    private const string Person = "alice.turner@maidstone.example";

    public static async Task<int> RunAsync(int tickets, int otherTickets)
    {
        Console.WriteLine($"ServiceDesk access export benchmark — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        var now = new DateTime(2026, 11, 23, 10, 0, 0, DateTimeKind.Utc);
        await using var desk = await BenchDesk.StartAsync(now, new Dictionary<string, string?>(), _ => { });
        var load = Stopwatch.StartNew();
        var rows = await LoadAsync(desk.Services, tickets, otherTickets, now);
        Console.WriteLine($"Loaded {tickets:N0} tickets of {Person} and {otherTickets:N0} of other people in {load.Elapsed.TotalSeconds:N1} s " +
            $"(database {desk.DatabaseBytes / 1048576.0:N0} MB)");
        Console.WriteLine($"The person's rows: {rows}");

        using (var scope = desk.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ServiceDeskDbContext>();
            desk.Services.GetRequiredService<BenchActor>().PersonId = await db.People.Where(p => p.Email == "rob.fairley@sharedict.example").Select(p => p.Id).FirstAsync();
        }

        // The first export pays for JIT compilation and EF Core's query compilation; then the median of 5.
        var times = new List<double>();
        PersonalDataExport? export = null;
        var commands = 0;
        var sql = new List<double>();
        for (var run = 0; run < 6; run++)
        {
            using var scope = desk.Services.CreateScope();
            using var counter = new SqlCommandCounter();
            var watch = Stopwatch.StartNew();
            export = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new ExportPersonalData(Person));
            var ms = watch.Elapsed.TotalMilliseconds;
            commands = counter.Count;
            if (run > 0) sql.Add(counter.Sql.TotalMilliseconds);
            if (run == 0) Console.WriteLine($"First export (cold): {ms:N0} ms, {commands} SQL commands");
            else times.Add(ms);
        }
        times.Sort();
        var median = times[times.Count / 2];
        sql.Sort();

        var counts = Count(export!.Zip);
        var (yardstick, yardstickBytes) = Yardstick(counts);
        Console.WriteLine($"Yardstick: the same {counts.Values.Sum():N0} rows written to a ZIP as plain JSON: {yardstick:N0} ms, {yardstickBytes / 1024.0:N0} KB");
        Console.WriteLine($"Export of {Person}: {median:N0} ms median of {times.Count} = {median / yardstick:N1}× the yardstick; " +
            $"ZIP {export.Zip.Length / 1024.0:N0} KB = {(double)export.Zip.Length / yardstickBytes:N1}× the yardstick's; {commands} SQL commands taking {sql[sql.Count / 2]:N0} ms (median) until their first row");
        Console.WriteLine($"Rows in the ZIP: {string.Join(", ", counts.Select(c => $"{c.Key} {c.Value:N0}"))}");
        Console.WriteLine($"Goal: under 60 s for a person with 1,000 tickets: {(median < 60_000 ? "met" : "NOT met")}");
        return 0;
    }

    /// <summary>Rows of each JSON file of the export.</summary>
    private static Dictionary<string, int> Count(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        var counts = new Dictionary<string, int>();
        foreach (var name in new[] { "tickets", "messages", "history", "mail", "ratings", "audit" })
        {
            using var stream = archive.GetEntry($"{name}.json")!.Open();
            counts[name] = JsonDocument.Parse(stream).RootElement.GetArrayLength();
        }
        return counts;
    }

    /// <summary>Writes as many rows, of texts as long as the export's, to a ZIP as plain JSON (no database, no CSV).</summary>
    private static (double Ms, long Bytes) Yardstick(IReadOnlyDictionary<string, int> counts)
    {
        var best = double.MaxValue;
        long bytes = 0;
        for (var run = 0; run < 6; run++)
        {
            var watch = Stopwatch.StartNew();
            using var zip = new MemoryStream();
            using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
                foreach (var (name, count) in counts)
                {
                    var rows = Enumerable.Range(0, count).Select(i => new PlainRow($"SD-{i:000000}", new DateTime(2026, 1, 1).AddMinutes(i), "Alice Turner",
                        $"Row {i} of {name}", Text(i))).ToList();
                    using var entry = archive.CreateEntry($"{name}.json", CompressionLevel.Fastest).Open();
                    JsonSerializer.Serialize(entry, rows, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true });
                }
            if (run > 0) best = Math.Min(best, watch.Elapsed.TotalMilliseconds);
            bytes = zip.Length;
        }
        return (best, bytes);
    }

    private sealed record PlainRow(string Reference, DateTime At, string Name, string Title, string Body);

    private static string Text(int i) =>
        $"Message {i}: the scanner on the second floor sends blank pages when the document feeder is used; the flatbed works. " +
        "I have tried turning it off and on again and cleaning the glass. Could someone have a look this week, please?";

    /// <summary>The person's tickets, each raised by email, answered, noted, resolved and rated, with the desk's mail; other people's tickets around them.</summary>
    private static async Task<string> LoadAsync(IServiceProvider provider, int count, int others, DateTime now)
    {
        using var scope = provider.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceDeskDbContext>();
        var book = scope.ServiceProvider.GetRequiredService<SlaPolicyBook>();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var council = await db.Councils.FirstAsync(c => c.Code == "MBC");
        var calendar = await book.CalendarOfCouncilAsync(council.Id, default);
        var person = await db.People.Include(p => p.Memberships).FirstAsync(p => p.Email == Person);
        var colleagues = await db.People.Include(p => p.Memberships).Where(p => p.MainCouncilId == council.Id && p.Id != person.Id).ToListAsync();
        var agent = await db.People.FirstAsync(p => p.Email == "priya.shah@sharedict.example");
        var service = await db.Services.Include(s => s.Routes).FirstAsync(s => s.Name == "Printing and scanning");
        var group = await db.ResolverGroups.FirstAsync(g => g.Id == service.ResolverGroupFor(council.Id));
        var raw = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("Received: from mail.maidstone.example by mx.partnership.example\r\n", 30)));

        var start = now.AddDays(-700);
        var pending = new List<Ticket>();
        for (var i = 0; i < count + others; i++)
        {
            var mine = i < count;
            var requester = mine ? person : colleagues[i % colleagues.Count];
            var at = start.AddMinutes(i * 600.0 * 1000 / (count + others));
            var ticket = Ticket.Raise(TicketType.Incident, $"Scanner sends blank pages ({i})", Text(i), requester, council, service, group, null,
                Impact.Low, Urgency.Medium, Channel.Email, Actor.Of(requester), at);
            ticket.UpdateClocks(await book.TermsForAsync(ticket, default), at);
            ticket.Comment(agent, $"Hello {requester.DisplayName.Split(' ')[0]}, could you try the other tray and tell us what happens?", false, true, at.AddMinutes(30));
            ticket.Comment(requester, "The other tray does the same, I'm afraid.", false, false, at.AddMinutes(90));
            ticket.Comment(agent, "Feeder rollers worn; engineer booked.", true, true, at.AddMinutes(100));
            ticket.Resolve("Feeder rollers replaced.", Actor.Of(agent), calendar, at.AddHours(26));
            ticket.Rate(1 + i % 5, i % 3 == 0 ? "Quick, thanks." : null, requester, at.AddHours(30));
            ticket.ClearDomainEvents();
            db.Tickets.Add(ticket);
            if (mine) pending.Add(ticket);
            if ((i + 1) % 2000 == 0) await FlushAsync();
        }
        await FlushAsync();

        // The mail names its ticket, so it is added once the tickets have their ids.
        async Task FlushAsync()
        {
            await db.SaveChangesAsync();
            foreach (var ticket in pending)
            {
                var mail = new InboundMessage($"<bench-{ticket.Id}@maidstone.example>", $"hash-{ticket.Id}", person.Email, person.DisplayName, ticket.Title, ticket.Description, raw, ticket.CreatedAt);
                mail.Ticketed(ticket);
                db.InboundMessages.Add(mail);
                db.Notifications.Add(new Notification("Acknowledgement", ticket.Id, person.Id, person.Email, $"[{ticket.Reference}] {ticket.Title}", "We have your request.", ticket.CreatedAt));
                db.Notifications.Add(new Notification("Resolved", ticket.Id, person.Id, person.Email, $"[{ticket.Reference}] {ticket.Title} resolved", "Feeder rollers replaced.", ticket.CreatedAt.AddHours(26)));
                if (ticket.Id % 10 == 0)
                    db.AuditEntries.Add(new AuditEntry(ticket.CreatedAt, agent.Id, agent.DisplayName, AuditAction.Changed, "Person", person.Email,
                        $"{person.DisplayName}: roles checked", "Requester", "Requester"));
            }
            await db.SaveChangesAsync();
            pending.Clear();
            // Let the saved rows go; keep the partnership they point at.
            foreach (var entry in db.ChangeTracker.Entries().Where(e => e.Entity is Ticket or TicketComment or TicketHistoryEntry or ServiceDesk.Core.Domain.Sla.SlaClock or InboundMessage or Notification or AuditEntry).ToList())
                entry.State = EntityState.Detached;
        }
        var id = person.Id;
        return $"{await db.Tickets.CountAsync(t => t.RequesterId == id):N0} tickets, " +
            $"{await db.TicketComments.CountAsync(c => db.Tickets.Any(t => t.Id == c.TicketId && t.RequesterId == id)):N0} messages, " +
            $"{await db.TicketHistory.CountAsync(h => db.Tickets.Any(t => t.Id == h.TicketId && t.RequesterId == id)):N0} history entries, " +
            $"{await db.InboundMessages.CountAsync(m => m.FromAddress == Person) + await db.Notifications.CountAsync(n => n.RecipientEmail == Person):N0} emails, " +
            $"{await db.AuditEntries.CountAsync(a => a.EntityKey == Person):N0} audit entries";
    }

    /// <summary>Counts the SQL commands EF Core runs while it is alive (from EF Core's diagnostic events).</summary>
    private sealed class SqlCommandCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly List<IDisposable> _subscriptions = [];
        private int _count;
        private TimeSpan _sql;

        public SqlCommandCounter() => _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));

        public int Count => _count;

        /// <summary>Time from sending each command to its result (reading the rows is not in it).</summary>
        public TimeSpan Sql => _sql;

        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == DbLoggerCategory.Name) _subscriptions.Add(listener.Subscribe(this));
        }

        public void OnNext(KeyValuePair<string, object?> e)
        {
            if (e.Key != RelationalEventId.CommandExecuted.Name) return;
            _count++;
            if (e.Value is CommandExecutedEventData data) _sql += data.Duration;
        }

        public void OnCompleted() { }
        public void OnError(Exception error) { }
        public void Dispose() => _subscriptions.ForEach(s => s.Dispose());
    }
}
