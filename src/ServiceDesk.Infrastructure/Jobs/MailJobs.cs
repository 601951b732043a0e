using System.Text;
using Hangfire;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using ServiceDesk.Core.Abstractions;
using ServiceDesk.Core.Domain.Email;
using ServiceDesk.Core.Features.Email;
using ServiceDesk.Infrastructure.Email;
using ServiceDesk.Infrastructure.Persistence;

namespace ServiceDesk.Infrastructure.Jobs;

/// <summary>
/// Sends what is due in the outbox (every minute, and soon after a change writes mail). Nodes send
/// side by side, each only the batch it has claimed; within a node one dispatcher runs at a time
/// (a job that finds one running asks it to go round again), so a node that stops has at most one
/// message in hand.
/// </summary>
public sealed class OutboxDispatchJob(IMediator mediator, OutboxDispatchGate gate, ILogger<OutboxDispatchJob> logger)
{
    public const string RecurringJobId = "dispatch-outbox";

    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        gate.Ask();
        while (gate.TryEnter())
        {
            try
            {
                while (gate.TakeAsk())
                {
                    int sent;
                    do
                    {
                        sent = await mediator.Send(new DispatchOutbox(), cancellationToken);
                        if (sent > 0) logger.LogInformation("Sent {Count} emails from the outbox", sent);
                    }
                    while (sent == 50);
                }
            }
            finally
            {
                gate.Leave();
            }
            // Asked again between the last round and leaving: go round once more, unless another took it.
            if (!gate.Asked) return;
        }
    }
}

/// <summary>One outbox dispatcher at a time on this node; asks made while one runs are coalesced into its next round.</summary>
public sealed class OutboxDispatchGate
{
    private readonly SemaphoreSlim _running = new(1, 1);
    private int _asked;

    public bool Asked => Volatile.Read(ref _asked) == 1;
    public void Ask() => Interlocked.Exchange(ref _asked, 1);
    public bool TakeAsk() => Interlocked.Exchange(ref _asked, 0) == 1;
    public bool TryEnter() => _running.Wait(0);
    public void Leave() => _running.Release();
}

/// <summary>
/// Reads the desk mailbox over IMAP. Each message is fetched as raw bytes and processed in its own
/// scope and transaction; only once its outcome is committed is it marked seen and moved to the
/// Processed folder. A message that cannot be parsed or processed is recorded for the desk (reason
/// and original) and moved to the Failed folder, and the poll goes on with the next. A crash anywhere
/// means the message is read again, and its Message-ID and content hash stop it being processed twice.
/// </summary>
public sealed class MailboxPollJob(IServiceScopeFactory scopes, IOptions<ImapOptions> options, IOptions<EmailOptions> email, TimeProvider time,
    ILogger<MailboxPollJob> logger)
{
    public const string RecurringJobId = "poll-mailbox";

    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    [AutomaticRetry(Attempts = 0)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!o.IsConfigured) return 0;
        using var client = new ImapClient();
        await client.ConnectAsync(o.Host!, o.Port == 0 ? 143 : o.Port, o.SocketOptions, cancellationToken);
        await client.AuthenticateAsync(o.Username ?? "", o.Password ?? "", cancellationToken);
        var inbox = await client.GetFolderAsync(o.Inbox, cancellationToken);
        await inbox.OpenAsync(FolderAccess.ReadWrite, cancellationToken);
        var processed = await FolderAsync(client, o.ProcessedFolder, cancellationToken);
        var failed = await FolderAsync(client, o.FailedFolder, cancellationToken);

        var uids = await inbox.SearchAsync(SearchQuery.All, cancellationToken);
        var handled = 0;
        foreach (var uid in uids)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // The raw bytes, as the server holds them: parsing happens below, where a failure is this message's alone.
            byte[] raw;
            using (var stream = new MemoryStream())
            {
                using (var source = await inbox.GetStreamAsync(uid, cancellationToken))
                    await source.CopyToAsync(stream, cancellationToken);
                raw = stream.ToArray();
            }
            IMailFolder destination;
            try
            {
                // Attachments the size limit refuses are not kept in the stored original either.
                var inbound = MailReader.Read(raw, email.Value.MaxAttachmentBytes);
                using var scope = scopes.CreateScope();
                var outcome = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new IngestEmail(inbound), cancellationToken);
                logger.LogInformation("Mail {MessageId} from {From}: {Status} {Ticket}{Duplicate}", inbound.MessageId, inbound.FromAddress,
                    outcome.Status, outcome.TicketReference, outcome.Duplicate ? " (seen before)" : "");
                destination = processed;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Mail with UID {Uid} could not be processed; it goes to the {Folder} folder", uid, o.FailedFolder);
                try
                {
                    await RecordFailureAsync(raw, ex, cancellationToken);
                }
                catch (Exception recordError) when (recordError is not OperationCanceledException)
                {
                    // Not even its failure could be recorded: it stays in the inbox, and the poll goes on.
                    logger.LogError(recordError, "The failure of mail with UID {Uid} could not be recorded; it stays in the inbox", uid);
                    continue;
                }
                destination = failed;
            }
            // Only now, with the outcome committed, does the message leave the inbox.
            await inbox.AddFlagsAsync(uid, MessageFlags.Seen, true, cancellationToken);
            await inbox.MoveToAsync(uid, destination, cancellationToken);
            handled++;
        }
        await client.DisconnectAsync(true, cancellationToken);
        return handled;
    }

    /// <summary>Keeps the message (whole, with the reason) in the Failed list, reading what can be read of its headers.</summary>
    private async Task RecordFailureAsync(byte[] raw, Exception error, CancellationToken ct)
    {
        MimeMessage? message = null;
        try
        {
            message = MailReader.Parse(raw);
        }
        catch (Exception parseError) when (parseError is FormatException or ParseException)
        {
            // Unparseable: kept with no sender or subject, its reason says why.
        }
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceDeskDbContext>();
        var hash = MailReader.ContentHashOf(raw);
        var id = message?.MessageId is { Length: > 0 } messageId ? messageId : $"failed.{hash[..32]}@{MailReader.MissingIdDomain}";
        if (db.InboundMessages.Any(m => m.MessageId == id && m.ContentHash == hash)) return;
        var from = message?.From.Mailboxes.FirstOrDefault();
        string text;
        try
        {
            text = message?.TextBody ?? Encoding.UTF8.GetString(raw, 0, Math.Min(raw.Length, 20_000));
        }
        catch (Exception textError) when (textError is not OperationCanceledException)
        {
            text = "";
        }
        var record = new InboundMessage(id, hash, from?.Address?.ToLowerInvariant() ?? "", from?.Name, message?.Subject ?? "(unreadable message)",
            text, raw, time.GetUtcNow().UtcDateTime);
        record.Failed($"{error.GetType().Name}: {error.Message}");
        db.InboundMessages.Add(record);
        await db.SaveChangesAsync(ct);
    }

    private static async Task<IMailFolder> FolderAsync(ImapClient client, string name, CancellationToken ct)
    {
        var root = client.GetFolder(client.PersonalNamespaces[0]);
        IMailFolder? folder = null;
        try
        {
            folder = await root.GetSubfolderAsync(name, ct);
        }
        catch (FolderNotFoundException)
        {
        }
        return folder ?? await root.CreateAsync(name, true, ct)
            ?? throw new InvalidOperationException($"The mail server would not create the folder '{name}'.");
    }
}

/// <summary>Queues the outbox dispatch as soon as a change has written mail.</summary>
public sealed class HangfireOutboxTrigger(IBackgroundJobClient jobs) : IOutboxTrigger
{
    public void MailWritten() => jobs.Enqueue<OutboxDispatchJob>(j => j.RunAsync(CancellationToken.None));
}
