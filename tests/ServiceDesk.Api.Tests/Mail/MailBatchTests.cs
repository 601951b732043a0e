using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Utils;
using ServiceDesk.Core.Domain.Email;
using ServiceDesk.Core.Features.Email;
using ServiceDesk.Infrastructure.Email;
using ServiceDesk.Infrastructure.Persistence;
using ServiceDesk.TestSupport;

namespace ServiceDesk.Api.Tests.Mail;

/// <summary>
/// The mailbox is read and moved in batches and the outbox is sent over one kept connection, without
/// losing or repeating a message when the desk stops part-way or the mail server drops the connection.
/// </summary>
public sealed class MailBatchTests(MailServers servers) : IClassFixture<MailServers>, IAsyncLifetime
{
    private readonly StopAfter _stop = new();
    private MailDeskFactory _desk = null!;

    public ValueTask InitializeAsync()
    {
        RealParts.Require(servers.Imap.Available, DovecotServer.DebianPackage, "The mail batch tests");
        RealParts.Require(servers.Smtp.Available, SmtpSink.DebianPackage, "The mail batch tests");
        var desk = $"desk.{Guid.NewGuid():N}@sharedict.example";
        servers.Imap.AddUser(desk, MailDeskFactory.DeskPassword);
        _desk = new MailDeskFactory(servers.Imap, servers.Smtp, desk, services =>
        {
            services.AddSingleton(_stop);
            services.AddTransient<IPipelineBehavior<IngestEmail, IngestOutcome>, StopAfterBehaviour>();
        });
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _desk.DisposeAsync();

    [Fact]
    public async Task A_desk_that_stops_after_committing_part_of_a_batch_reads_it_again_and_loses_or_repeats_nothing()
    {
        await servers.Imap.AppendRawAsync(_desk.DeskAddress, MailDeskFactory.DeskPassword, ["Not a message at all.\r\n"u8.ToArray()]);
        string[] subjects = ["Batch: monitor flickers", "Batch: keyboard sticky", "Batch: headset crackles"];
        foreach (var subject in subjects) await _desk.DeliverAsync(Mail(Accounts.MaidstoneRequester, subject, $"{subject} since this morning."));

        // The desk stops (here: is cancelled) once the unreadable message is recorded and two tickets are
        // committed, before any message of the batch has been moved.
        _stop.After(2);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _desk.PollAsync(_stop.Token));
        Assert.Equal(4, await CountAsync("INBOX"));
        Assert.Equal(3, await InboundAsync());

        // Started again, it reads the whole batch again: what was committed is recognised, the rest is processed once.
        Assert.Equal(4, await _desk.PollAsync());
        Assert.Equal(0, await CountAsync("INBOX"));
        Assert.Equal(3, await CountAsync("Processed"));
        Assert.Equal(1, await CountAsync("Failed"));
        Assert.Equal(4, await InboundAsync());
        using var scope = _desk.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceDeskDbContext>();
        foreach (var subject in subjects)
            Assert.Equal(1, await db.Tickets.CountAsync(t => t.Title == subject));
        Assert.Equal(1, await db.InboundMessages.CountAsync(m => m.Status == InboundStatus.Failed));

        await _desk.SendOutboxAsync();
        Assert.Equal(3, _desk.Sent().Count(m => m.Subject?.Contains("Logged: Batch:", StringComparison.Ordinal) == true));
    }

    [Fact]
    public async Task A_mailbox_larger_than_a_batch_is_read_batch_by_batch_and_a_failing_message_goes_to_Failed()
    {
        await using var desk = new MailDeskFactory(servers.Imap, servers.Smtp, _desk.DeskAddress,
            services => services.Configure<ImapOptions>(o => o.BatchSize = 2));
        for (var i = 1; i <= 4; i++)
        {
            await desk.DeliverAsync(Mail(Accounts.MaidstoneRequester2, $"Small batches {i}", $"Question number {i}."));
            if (i == 2) await servers.Imap.AppendRawAsync(desk.DeskAddress, MailDeskFactory.DeskPassword, ["\r\n\r\nno headers here\r\n"u8.ToArray()]);
        }

        Assert.Equal(5, await desk.PollAsync());

        Assert.Equal(0, await CountAsync("INBOX"));
        Assert.Equal(4, await CountAsync("Processed"));
        var failed = Assert.Single(await FailedRecordsAsync(desk));
        Assert.Contains("no header block", failed, StringComparison.Ordinal);
        Assert.Equal(1, await CountAsync("Failed"));
        Assert.Equal(0, await desk.PollAsync());
    }

    [Fact]
    public async Task The_outbox_is_sent_over_one_connection()
    {
        for (var i = 1; i <= 4; i++)
            await _desk.DeliverAsync(Mail(Accounts.MaidstoneRequester, $"One connection {i}", $"Request {i}."));
        await _desk.PollAsync();

        await _desk.SendOutboxAsync();

        var sent = _desk.Sent().Where(m => m.Subject?.Contains("One connection", StringComparison.Ordinal) == true).ToList();
        Assert.Equal(4, sent.Count);
        // aiosmtpd stamps each message with the client's address and port: one port, one connection.
        Assert.Single(sent.Select(m => m.Headers["X-Peer"]).Distinct());
    }

    [Fact]
    public async Task A_kept_SMTP_connection_the_server_dropped_is_replaced_and_the_message_sent_once()
    {
        var address = _desk.DeskAddress;
        await using var sender = new SmtpMailSender(Options.Create(new SmtpOptions { Host = servers.Smtp.Host, Port = servers.Smtp.Port, Security = "None" }));
        OutgoingMail Outgoing(int i) => new($"reconnect.{i}.{Guid.NewGuid():N}@sharedict.example", address, "Shared ICT Service Desk",
            Accounts.MaidstoneRequester, $"Reconnect {i}", $"Message {i}.", null, AutoSubmitted: true);

        for (var i = 1; i <= 3; i++) await sender.SendAsync(Outgoing(i), CancellationToken.None);
        Assert.Equal(1, sender.Connections);

        // The server restarts: the kept connection is dead, which the sender finds on its next message.
        await servers.Smtp.StopAsync();
        await servers.Smtp.StartAsync();
        await sender.SendAsync(Outgoing(4), CancellationToken.None);
        await sender.SendAsync(Outgoing(5), CancellationToken.None);

        Assert.Equal(2, sender.Connections);
        var received = servers.Smtp.Messages().Where(m => m.From.Mailboxes.Any(a => a.Address == address)).ToList();
        Assert.Equal(["Reconnect 1", "Reconnect 2", "Reconnect 3", "Reconnect 4", "Reconnect 5"], received.Select(m => m.Subject).Order().ToList());
        Assert.Equal(2, received.Select(m => m.Headers["X-Peer"]).Distinct().Count());
    }

    private MimeMessage Mail(string from, string subject, string text)
    {
        var message = new MimeMessage { Subject = subject, Date = DateTimeOffset.UtcNow, Body = new TextPart("plain") { Text = text } };
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(_desk.DeskAddress));
        message.MessageId = MimeUtils.GenerateMessageId("mail.maidstone.example");
        return message;
    }

    private Task<int> CountAsync(string folder) => servers.Imap.CountAsync(_desk.DeskAddress, MailDeskFactory.DeskPassword, folder);

    private async Task<int> InboundAsync()
    {
        using var scope = _desk.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ServiceDeskDbContext>().InboundMessages.CountAsync();
    }

    private static async Task<List<string>> FailedRecordsAsync(MailDeskFactory desk)
    {
        using var scope = desk.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ServiceDeskDbContext>().InboundMessages
            .Where(m => m.Status == InboundStatus.Failed).Select(m => m.Note ?? "").ToListAsync();
    }

    /// <summary>Cancels its token once a given number of emails have been committed, as a desk that stops would.</summary>
    public sealed class StopAfter
    {
        private readonly CancellationTokenSource _source = new();
        private int _left = -1;

        public CancellationToken Token => _source.Token;

        public void After(int committed) => _left = committed;

        public void Committed()
        {
            if (_left > 0 && --_left == 0) _source.Cancel();
        }
    }

    private sealed class StopAfterBehaviour(StopAfter stop) : IPipelineBehavior<IngestEmail, IngestOutcome>
    {
        public async Task<IngestOutcome> Handle(IngestEmail request, CancellationToken cancellationToken, RequestHandlerDelegate<IngestOutcome> next)
        {
            var outcome = await next();
            if (!outcome.Duplicate) stop.Committed();
            return outcome;
        }
    }
}
