using System.Diagnostics;
using System.Globalization;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using ServiceDesk.Core.Domain.Notifications;
using ServiceDesk.Core.Features.Email;
using ServiceDesk.Infrastructure.Email;
using ServiceDesk.Infrastructure.Jobs;
using ServiceDesk.Infrastructure.Persistence;
using ServiceDesk.TestSupport;

/// <summary>
/// Outbox dispatch after downtime: a SQLite desk (the demo partnership) starts with N emails queued in
/// its outbox, as after a restart over a backlog, and its own dispatch job (<see cref="OutboxDispatchJob"/>,
/// as Hangfire runs it) sends them to a local SMTP server (aiosmtpd, as the tests use) until the outbox
/// is empty. The yardstick, measured in the same run before and after, is a plain MailKit loop sending
/// the same messages over one connection to the same server, with no desk work.
/// </summary>
static class DispatchBench
{
    private const string DeskAddress = "desk@sharedict.example";
    private static readonly DateTime Now = new(2026, 11, 23, 10, 0, 0, DateTimeKind.Utc);

    public static async Task<int> RunAsync(int count)
    {
        Console.WriteLine($"ServiceDesk outbox dispatch benchmark — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        await using var smtp = new SmtpSink();
        await smtp.InitializeAsync();
        if (!smtp.Available)
        {
            Console.Error.WriteLine(MissingPart.Reason(SmtpSink.DebianPackage, "The dispatch benchmark"));
            return 2;
        }

        await using var desk = await BenchDesk.StartAsync(Now, new Dictionary<string, string?>
        {
            ["ServiceDesk:Email:DeskAddress"] = DeskAddress,
            ["ServiceDesk:Email:Smtp:Host"] = smtp.Host,
            ["ServiceDesk:Email:Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["ServiceDesk:Email:Smtp:Security"] = "None",
        }, _ => { });

        var backlog = await QueueBacklogAsync(desk.Services, count);
        Console.WriteLine($"Outbox: {count:N0} emails queued ({backlog.Sum(m => m.Body.Length) / 1048576.0:N1} MB of text), as a desk finds them after downtime");

        var before = await YardstickAsync(smtp, backlog);
        Console.WriteLine($"Yardstick (plain MailKit loop, one connection, no desk): {count:N0} emails in {before.TotalSeconds:N1} s = {count / before.TotalSeconds:N0} emails/s");

        using var process = Process.GetCurrentProcess();
        var processorBefore = process.TotalProcessorTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        var runs = 0;
        while (await UnsentAsync(desk.Services) > 0)
        {
            // As Hangfire runs it: the job resolved in a scope of its own (the SMTP connection lives as long as the scope).
            using var scope = desk.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<OutboxDispatchJob>().RunAsync(CancellationToken.None);
            runs++;
            if (runs > 1000) throw new InvalidOperationException("The outbox did not empty.");
        }
        var elapsed = watch.Elapsed;
        process.Refresh();
        var processor = process.TotalProcessorTime - processorBefore;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

        var after = await YardstickAsync(smtp, backlog);
        Console.WriteLine($"Yardstick again after the desk: {count:N0} emails in {after.TotalSeconds:N1} s = {count / after.TotalSeconds:N0} emails/s");
        var yardstick = (before + after) / 2;
        Console.WriteLine($"Desk: backlog of {count:N0} emptied in {elapsed.TotalSeconds:N1} s = {count / elapsed.TotalSeconds:N0} emails/s " +
            $"({runs} run(s) of the dispatch job) = {elapsed / yardstick:N2}× the yardstick's time");
        // Processor time (the desk's process only: the SMTP server is another) is what the load on a shared machine changes least.
        Console.WriteLine($"  desk processor time (user + system): {processor.TotalSeconds:N1} s = {processor.TotalMilliseconds / count:N2} ms an email; " +
            $"allocated {allocated / 1048576.0:N0} MB = {allocated / count / 1024.0:N1} KB an email");
        var received = Directory.GetFiles(Path.Combine(smtp.MaildirPath, "new")).Length;
        Console.WriteLine($"SMTP server received {received:N0} emails in all ({count:N0} from each yardstick run and the desk: expected {3 * count:N0})");
        Console.WriteLine($"SQLite file: {desk.DatabaseBytes / 1048576.0:N0} MB");
        return received == 3 * count ? 0 : 1;
    }

    /// <summary>N emails of the kinds the desk writes (acknowledgements, replies, SLA alerts), to demo staff, all due.</summary>
    private static async Task<List<OutgoingMail>> QueueBacklogAsync(IServiceProvider services, int count)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceDeskDbContext>();
        var people = await db.People.AsNoTracking().OrderBy(p => p.Id).Select(p => new { p.Id, p.Email, p.DisplayName }).ToListAsync();
        var tickets = await db.Tickets.AsNoTracking().OrderBy(t => t.Id).Select(t => t.Id).ToListAsync();
        var random = new Random(20261203);
        var mails = new List<OutgoingMail>(count);
        for (var i = 0; i < count; i++)
        {
            var person = people[random.Next(people.Count)];
            var ticket = tickets[random.Next(tickets.Count)];
            var reference = $"SD-{ticket:000000}";
            var (kind, subject) = (i % 3) switch
            {
                0 => (TicketMail.Acknowledgement, $"[{reference}] Logged: the printer on floor {i % 7} jams"),
                1 => (TicketMail.Reply, $"[{reference}] The printer on floor {i % 7} jams"),
                _ => ("sla-resolution-warning", $"[{reference}] SLA resolution target at risk"),
            };
            var body = $"Hello {person.DisplayName.Split(' ')[0]},\n\n" +
                $"We have logged your report as {reference}. The shared ICT service desk will be in touch.\n" +
                string.Concat(Enumerable.Repeat("The desk writes a few lines about the ticket here. ", 8)) +
                $"\n\nTo add to this ticket, reply to this email and keep [{reference}] in the subject.\n\n-- \nShared ICT Service Desk";
            var messageId = $"sd.bench.{i}@sharedict.example";
            db.Notifications.Add(new Notification(kind, ticket, person.Id, person.Email, subject, body, Now.AddMinutes(-random.Next(1, 600)),
                messageId, null, autoSubmitted: kind != TicketMail.Reply));
            mails.Add(new OutgoingMail(messageId, DeskAddress, "Shared ICT Service Desk", person.Email, subject, body, null, kind != TicketMail.Reply));
        }
        await db.SaveChangesAsync();
        return mails;
    }

    /// <summary>The same messages, built as the desk builds them, sent by a plain MailKit loop over one connection.</summary>
    private static async Task<TimeSpan> YardstickAsync(SmtpSink smtp, IReadOnlyList<OutgoingMail> mails)
    {
        var watch = Stopwatch.StartNew();
        using var client = new SmtpClient();
        await client.ConnectAsync(smtp.Host, smtp.Port, MailKit.Security.SecureSocketOptions.None);
        foreach (var mail in mails)
        {
            var message = OutgoingMessage.Build(mail);
            message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("yardstick.example");
            await client.SendAsync(message);
        }
        await client.DisconnectAsync(true);
        return watch.Elapsed;
    }

    private static async Task<int> UnsentAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ServiceDeskDbContext>().Notifications.CountAsync(n => n.SentAt == null);
    }
}
