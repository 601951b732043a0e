using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using MailKit;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Domain.Email;
using ServiceDesk.Core.Domain.Notifications;
using ServiceDesk.Core.Domain.Tickets;
using ServiceDesk.Core.Features.Email;
using ServiceDesk.Infrastructure.Jobs;
using ServiceDesk.Infrastructure.Persistence;
using ServiceDesk.Infrastructure.Seeding;
using ServiceDesk.TestSupport;

/// <summary>
/// Mail ingest: a throwaway Dovecot on loopback holds the desk's mailbox, filled by IMAP APPEND with a
/// week of varied mail (<see cref="MailboxMix"/>); the desk's own poll job (<see cref="MailboxPollJob"/>,
/// which sends <see cref="IngestEmail"/> for each message, as the app runs it every 30 seconds) reads it
/// into a fresh SQLite desk seeded with the demo partnership until the mailbox is empty.
/// </summary>
static class MailIngestBench
{
    private const string DeskAddress = "desk@sharedict.example";
    private const string DeskPassword = "bench-mailbox-secret";
    private const int Seed = 20261123;

    /// <summary>The mailbox is read at this instant: a week's mail, waiting (the clock stands still while it is read).</summary>
    private static readonly DateTime Now = new(2026, 11, 23, 10, 0, 0, DateTimeKind.Utc);

    public static async Task<int> RunAsync(int count)
    {
        Console.WriteLine($"ServiceDesk mail ingest benchmark — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, " +
            $".NET {Environment.Version}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC");

        await using var imap = new DovecotServer();
        await imap.InitializeAsync();
        if (!imap.Available)
        {
            Console.Error.WriteLine(MissingPart.Reason(DovecotServer.DebianPackage, "The mail ingest benchmark"));
            return 2;
        }
        imap.AddUser(DeskAddress, DeskPassword);

        var timing = new IngestTiming();
        await using var desk = await BenchDesk.StartAsync(Now, new Dictionary<string, string?>
        {
            ["ServiceDesk:Email:DeskAddress"] = DeskAddress,
            ["ServiceDesk:Email:Imap:Host"] = imap.Host,
            ["ServiceDesk:Email:Imap:Port"] = imap.Port.ToString(CultureInfo.InvariantCulture),
            ["ServiceDesk:Email:Imap:Security"] = "None",
            ["ServiceDesk:Email:Imap:Username"] = DeskAddress,
            ["ServiceDesk:Email:Imap:Password"] = DeskPassword,
        }, services =>
        {
            // SLA timers and the outbox trigger are queued as in the app (BenchDesk); nothing is sent while the mailbox is read.
            services.AddSingleton(timing);
            services.AddTransient<IPipelineBehavior<IngestEmail, IngestOutcome>, TimedIngest>();
        },
        // A message that fails is logged with its stack; the failures are summed up below instead.
        logging =>
        {
            logging.AddFilter(typeof(MailboxPollJob).FullName, LogLevel.Critical);
            // SERVICEDESK_BENCH_SQL=1 prints each SQL command EF sends (for counting them per message), not for timed runs.
            if (Environment.GetEnvironmentVariable("SERVICEDESK_BENCH_SQL") == "1")
                logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Information);
        });

        var facts = await DeskMailOfThePastWeekAsync(desk.Services, new Random(Seed));
        var mix = new MailboxMix(facts, Seed);
        var append = Stopwatch.StartNew();
        var appended = await imap.AppendAllAsync(DeskAddress, DeskPassword, mix.Generate(count, Now.AddDays(-7), Now.AddMinutes(-5)));
        Console.WriteLine($"Mailbox: {appended:N0} messages ({mix.Bytes / 1048576.0:N1} MB) appended to Dovecot in {append.Elapsed.TotalSeconds:N1} s");
        Console.WriteLine("  mix: " + string.Join(", ", mix.Counts.Where(c => c.Value > 0).Select(c => $"{c.Key} {c.Value}")));

        var before = await DeskCountsAsync(desk.Services);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        var workingSetBefore = process.WorkingSet64;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var collectionsBefore = Enumerable.Range(0, 3).Select(GC.CollectionCount).ToArray();
        var pausesBefore = GC.GetTotalPauseDuration();
        var processorBefore = process.TotalProcessorTime;

        using var sampling = new CancellationTokenSource();
        var sampler = SamplePeaksAsync(sampling.Token);
        var watch = Stopwatch.StartNew();
        int handled = 0, runs = 0, handledThisRun;
        do
        {
            // Each run as Hangfire would start it: the job resolved in a scope of its own.
            using var scope = desk.Services.CreateScope();
            handledThisRun = await scope.ServiceProvider.GetRequiredService<MailboxPollJob>().RunAsync(CancellationToken.None);
            handled += handledThisRun;
            runs++;
        }
        while (handledThisRun > 0);
        var elapsed = watch.Elapsed;
        await sampling.CancelAsync();
        var (peakSampledWorkingSet, peakSampledHeap) = await sampler;

        process.Refresh();
        var processor = process.TotalProcessorTime - processorBefore;
        var gc = GC.GetGCMemoryInfo();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var collections = Enumerable.Range(0, 3).Select(g => GC.CollectionCount(g) - collectionsBefore[g]).ToArray();
        var pauses = GC.GetTotalPauseDuration() - pausesBefore;
        var after = await DeskCountsAsync(desk.Services);
        var outcomes = await OutcomesAsync(desk.Services);

        Console.WriteLine($"Ingest: {handled:N0} messages in {elapsed.TotalSeconds:N1} s = {handled / elapsed.TotalSeconds:N1} messages/s " +
            $"({runs} runs of the poll job; the last found the mailbox empty)");
        Console.WriteLine($"  inside IngestEmail (rules and database): {timing.Total.TotalSeconds:N1} s ({timing.Total / elapsed:P0}), " +
            $"slowest {timing.Slowest.TotalMilliseconds:N0} ms; the rest (IMAP fetch, flag and move, MIME reading): {(elapsed - timing.Total).TotalSeconds:N1} s");
        // Processor time is what the load on a shared machine changes least: compare it between runs.
        Console.WriteLine($"  desk processor time (user + system, whole process): {processor.TotalSeconds:N1} s = {processor.TotalMilliseconds / Math.Max(1, handled):N1} ms a message " +
            $"(two cores allow at most {2 * 1000.0 / Math.Max(0.001, processor.TotalMilliseconds / Math.Max(1, handled)):N0} messages/s at that cost)");
        Console.WriteLine($"Outcomes: ticketed {outcomes.Get(InboundStatus.Ticketed)}, appended {outcomes.Get(InboundStatus.Appended)}, " +
            $"unmatched {outcomes.Get(InboundStatus.Unmatched)}, automatic {outcomes.Get(InboundStatus.Automatic)}, discarded {outcomes.Get(InboundStatus.Discarded)}, bounce {outcomes.Get(InboundStatus.Bounce)}, " +
            $"failed {outcomes.Get(InboundStatus.Failed)}; duplicates {handled - outcomes.Statuses.Values.Sum()} (seen before, nothing changed)");
        foreach (var (note, times) in outcomes.Failures)
            Console.WriteLine($"  failed {times}×: {note}");
        Console.WriteLine($"Mailbox after: INBOX {await imap.CountAsync(DeskAddress, DeskPassword)}, Processed {await imap.CountAsync(DeskAddress, DeskPassword, "Processed")}, " +
            $"Failed {await imap.CountAsync(DeskAddress, DeskPassword, "Failed")}");
        Console.WriteLine($"Desk after: +{after.Tickets - before.Tickets} tickets, +{after.People - before.People} requesters enrolled, " +
            $"+{after.Attachments - before.Attachments} attachments kept, +{after.Outbox - before.Outbox} emails in the outbox, " +
            $"{after.Withheld - before.Withheld} acknowledgements withheld (at most {new EmailOptions().AcknowledgementsPerHour} an hour to one address)");
        Console.WriteLine($"Memory: peak working set {Mb(process.PeakWorkingSet64)} (whole process; {Mb(workingSetBefore)} before ingest, " +
            $"{Mb(peakSampledWorkingSet)} sampled peak during ingest)");
        Console.WriteLine($"  GC heap after ingest {Mb(gc.HeapSizeBytes)} (committed {Mb(gc.TotalCommittedBytes)}), sampled peak {Mb(peakSampledHeap)}; " +
            $"allocated during ingest {Mb(allocated)} ({allocated / Math.Max(1, handled) / 1024.0:N0} KB a message); " +
            $"collections gen0 {collections[0]} / gen1 {collections[1]} / gen2 {collections[2]}, pauses {pauses.TotalMilliseconds:N0} ms");
        Console.WriteLine($"SQLite file: {Mb(desk.DatabaseBytes)}");

        var yardstick = await ImapYardstickAsync(imap);
        Console.WriteLine($"Yardstick (plain MailKit, no desk work: fetch, flag and move the same {yardstick.Count:N0} messages from Processed to another folder, " +
            $"{BatchSize} at a time): {yardstick.Elapsed.TotalSeconds:N1} s = {yardstick.Count / yardstick.Elapsed.TotalSeconds:N0} messages/s");
        Console.WriteLine($"Desk ingest took {elapsed / yardstick.Elapsed:N1}× the yardstick's time " +
            $"({handled / elapsed.TotalSeconds:N1} against {yardstick.Count / yardstick.Elapsed.TotalSeconds:N0} messages/s); APPEND filled the mailbox at {appended / append.Elapsed.TotalSeconds:N0} messages/s");
        return 0;
    }

    /// <summary>The batch size of the desk's poll job (ImapOptions' default), used by the yardstick too.</summary>
    private static readonly int BatchSize = new ServiceDesk.Infrastructure.Email.ImapOptions().BatchSize;

    /// <summary>What the IMAP work alone costs: the processed messages fetched whole, flagged and moved in batches, by a plain MailKit loop.</summary>
    private static async Task<(int Count, TimeSpan Elapsed)> ImapYardstickAsync(DovecotServer imap)
    {
        using var client = new MailKit.Net.Imap.ImapClient();
        var watch = Stopwatch.StartNew();
        await client.ConnectAsync(imap.Host, imap.Port, MailKit.Security.SecureSocketOptions.None);
        await client.AuthenticateAsync(DeskAddress, DeskPassword);
        var root = client.GetFolder(client.PersonalNamespaces[0]);
        var source = (MailKit.Net.Imap.ImapFolder)await root.GetSubfolderAsync("Processed");
        await source.OpenAsync(MailKit.FolderAccess.ReadWrite);
        var target = await root.CreateAsync("Yardstick", true);
        var uids = await source.SearchAsync(MailKit.Search.SearchQuery.All);
        long bytes = 0;
        foreach (var batch in uids.Chunk(BatchSize))
        {
            await source.GetStreamsAsync(batch, async (_, _, _, stream, ct) =>
            {
                using var copy = new MemoryStream();
                await stream.CopyToAsync(copy, ct);
                bytes += copy.Length;
            });
            await source.AddFlagsAsync(batch, MailKit.MessageFlags.Seen, true);
            await source.MoveToAsync(batch, target!);
        }
        await client.DisconnectAsync(true);
        return (uids.Count, watch.Elapsed);
    }

    private static string Mb(long bytes) => $"{bytes / 1048576.0:N0} MB";

    /// <summary>
    /// The desk's mail of the past week, which replies, out-of-office answers and bounces answer: one email
    /// to the requester of each ticket not yet closed, as the outbox would have sent it (the demo partnership
    /// has tickets but no mail). Returns what the mailbox is written against.
    /// </summary>
    private static async Task<DeskFacts> DeskMailOfThePastWeekAsync(IServiceProvider services, Random random)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceDeskDbContext>();
        var councils = await db.Councils.AsNoTracking().OrderBy(c => c.Id).ToListAsync();
        var names = councils.ToDictionary(c => c.Id, c => c.Name);
        var demo = DemoPartnership.Accounts.Select(a => a.Email).ToHashSet();
        var people = (await db.People.AsNoTracking().OrderBy(p => p.Id).ToListAsync()).Where(p => demo.Contains(p.Email)).ToList();
        var byId = people.ToDictionary(p => p.Id);
        Correspondent Of(Person p) => new(p.Email, p.DisplayName, p.MainCouncilId is int id ? names[id] : null);

        var threads = new List<DeskThread>();
        var tickets = await db.Tickets.AsNoTracking().OrderBy(t => t.Id).Select(t => new { t.Id, t.Title, t.Status, t.RequesterId }).ToListAsync();
        foreach (var ticket in tickets.Where(t => byId.ContainsKey(t.RequesterId)))
        {
            var reference = TicketReference.Format(ticket.Id);
            var requester = byId[ticket.RequesterId];
            if (ticket.Status == TicketStatus.Closed)
            {
                threads.Add(new DeskThread(reference, ticket.Title, Of(requester), null, null, default));
                continue;
            }
            var (kind, subject) = ticket.Status switch
            {
                TicketStatus.New => (TicketMail.Acknowledgement, $"[{reference}] Logged: {ticket.Title}"),
                TicketStatus.AwaitingCustomer => (TicketMail.AwaitingReply, $"[{reference}] Waiting for your reply: {ticket.Title}"),
                TicketStatus.Resolved => (TicketMail.Resolved, $"[{reference}] Resolved: {ticket.Title}"),
                _ => (TicketMail.Reply, $"[{reference}] {ticket.Title}"),
            };
            var sentAt = Now.AddMinutes(-random.Next(60, 7 * 24 * 60));
            var id = new byte[16];
            random.NextBytes(id);
            var messageId = $"sd.{Convert.ToHexStringLower(id)}@sharedict.example";
            var mail = new Notification(kind, ticket.Id, requester.Id, requester.Email, subject, $"About {reference}.", sentAt, messageId, null,
                autoSubmitted: kind != TicketMail.Reply);
            mail.MarkSent(sentAt);
            db.Notifications.Add(mail);
            threads.Add(new DeskThread(reference, ticket.Title, Of(requester), messageId, subject, sentAt));
        }
        await db.SaveChangesAsync();

        return new DeskFacts(DeskAddress,
            councils.SelectMany(c => c.MailDomains.Select(d => (d, c.Name))).ToList(),
            people.Where(p => !p.IsSharedIct).Select(Of).ToList(),
            people.Where(p => p.IsSharedIct).Select(Of).ToList(),
            threads);
    }

    private sealed record DeskCounts(int Tickets, int People, int Attachments, int Outbox, int Withheld);

    private static async Task<DeskCounts> DeskCountsAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceDeskDbContext>();
        return new DeskCounts(await db.Tickets.CountAsync(), await db.People.CountAsync(), await db.TicketAttachments.CountAsync(),
            await db.Notifications.CountAsync(n => n.SentAt == null), await db.TicketHistory.CountAsync(h => h.Change == "Acknowledgement withheld"));
    }

    private sealed record Outcomes(IReadOnlyDictionary<InboundStatus, int> Statuses, IReadOnlyList<(string Note, int Times)> Failures)
    {
        public int Get(InboundStatus status) => Statuses.GetValueOrDefault(status);
    }

    private static async Task<Outcomes> OutcomesAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceDeskDbContext>();
        var statuses = await db.InboundMessages.GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        var failures = (await db.InboundMessages.Where(m => m.Status == InboundStatus.Failed).Select(m => m.Note).ToListAsync())
            .GroupBy(n => n ?? "").Select(g => (g.Key, g.Count())).OrderByDescending(g => g.Item2).ToList();
        return new Outcomes(statuses, failures);
    }

    /// <summary>Samples the working set and the managed heap while the mailbox is read; returns their peaks.</summary>
    private static async Task<(long WorkingSet, long Heap)> SamplePeaksAsync(CancellationToken stop)
    {
        using var process = Process.GetCurrentProcess();
        long workingSet = 0, heap = 0;
        while (!stop.IsCancellationRequested)
        {
            process.Refresh();
            workingSet = Math.Max(workingSet, process.WorkingSet64);
            heap = Math.Max(heap, GC.GetTotalMemory(forceFullCollection: false));
            try { await Task.Delay(50, stop); }
            catch (OperationCanceledException) { }
        }
        return (workingSet, heap);
    }
}

/// <summary>Time spent inside the ingest use case, summed over messages.</summary>
sealed class IngestTiming
{
    private long _ticks, _slowest;

    public TimeSpan Total => TimeSpan.FromTicks(Interlocked.Read(ref _ticks));
    public TimeSpan Slowest => TimeSpan.FromTicks(Interlocked.Read(ref _slowest));

    public void Add(TimeSpan elapsed)
    {
        Interlocked.Add(ref _ticks, elapsed.Ticks);
        if (elapsed.Ticks > Interlocked.Read(ref _slowest)) Interlocked.Exchange(ref _slowest, elapsed.Ticks);
    }
}

/// <summary>Times each <see cref="IngestEmail"/> around the rest of the pipeline (validation and the handler).</summary>
sealed class TimedIngest(IngestTiming timing) : IPipelineBehavior<IngestEmail, IngestOutcome>
{
    public async Task<IngestOutcome> Handle(IngestEmail request, CancellationToken cancellationToken, RequestHandlerDelegate<IngestOutcome> next)
    {
        var watch = Stopwatch.StartNew();
        try { return await next(); }
        finally { timing.Add(watch.Elapsed); }
    }
}
