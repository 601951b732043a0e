using System.Text;
using Hangfire;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MediatR;
using Microsoft.EntityFrameworkCore;
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
/// Reads the desk mailbox over IMAP, in batches: the raw bytes of up to <see cref="ImapOptions.BatchSize"/>
/// messages are fetched in one command, each message is processed in its own transaction (in one scope for the batch), and
/// only once every outcome of the batch is committed are its messages marked seen and moved, in one
/// command per destination (Processed, or Failed for a message that could not be parsed or processed,
/// which is recorded for the desk with its reason and original). A crash anywhere means the messages
/// of the batch are read again, and their Message-ID and content hash stop them being processed twice.
/// </summary>
public sealed class MailboxPollJob(IServiceScopeFactory scopes, IOptions<ImapOptions> options, IOptions<EmailOptions> email, TimeProvider time,
    IBackgroundJobClient jobs, ILogger<MailboxPollJob> logger)
{
    public const string RecurringJobId = "poll-mailbox";

    /// <summary>At most this many bytes of mail are held in memory at once (one large message is fetched alone).</summary>
    public const long BatchBytes = 32L * 1024 * 1024;

    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    [AutomaticRetry(Attempts = 0)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!o.IsConfigured) return 0;
        using var client = new ImapClient();
        await client.ConnectAsync(o.Host!, o.Port == 0 ? 143 : o.Port, o.SocketOptions, cancellationToken);
        await client.AuthenticateAsync(o.Username ?? "", o.Password ?? "", cancellationToken);
        var inbox = (ImapFolder)await client.GetFolderAsync(o.Inbox, cancellationToken);
        await inbox.OpenAsync(FolderAccess.ReadWrite, cancellationToken);
        var processed = await FolderAsync(client, o.ProcessedFolder, cancellationToken);
        var failed = await FolderAsync(client, o.FailedFolder, cancellationToken);

        // Sizes first (one command), so that a batch never holds more than BatchBytes of mail.
        var waiting = await inbox.FetchAsync(await inbox.SearchAsync(SearchQuery.All, cancellationToken),
            MessageSummaryItems.UniqueId | MessageSummaryItems.Size, cancellationToken);
        var handled = 0;
        foreach (var batch in Batches(waiting.OrderBy(m => m.UniqueId.Id), o.BatchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            // The raw bytes, as the server holds them: parsing happens below, where a failure is this message's alone.
            var raws = new Dictionary<UniqueId, byte[]>();
            await inbox.GetStreamsAsync(batch, async (_, _, uid, source, ct) =>
            {
                using var stream = new MemoryStream();
                await source.CopyToAsync(stream, ct);
                raws[uid] = stream.ToArray();
            }, cancellationToken);

            var toProcessed = new UniqueIdSet(SortOrder.Ascending);
            var toFailed = new UniqueIdSet(SortOrder.Ascending);
            // The acknowledgements of a batch are sent by one dispatch, queued when the batch is done.
            using var hold = HangfireOutboxTrigger.HoldUntilDisposed(jobs);
            // One scope (one DbContext, one connection) serves the batch; the change tracker is emptied after
            // each message, and after a failure the rest of the batch gets a fresh scope, so nothing of one
            // message's work is ever saved with another's.
            AsyncServiceScope? scope = null;
            try
            {
                foreach (var uid in batch)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    // Expunged by someone else since the search: nothing to do.
                    if (!raws.TryGetValue(uid, out var raw)) continue;
                    if (scope is null)
                    {
                        scope = scopes.CreateAsyncScope();
                        // Held open for the batch: opening a connection runs its settings, a statement of its own.
                        await scope.Value.ServiceProvider.GetRequiredService<ServiceDeskDbContext>().Database.OpenConnectionAsync(cancellationToken);
                    }
                    var (outcome, clean) = await ProcessAsync(scope.Value.ServiceProvider, uid, raw, cancellationToken);
                    if (clean)
                        scope.Value.ServiceProvider.GetRequiredService<ServiceDeskDbContext>().ChangeTracker.Clear();
                    else
                    {
                        await scope.Value.DisposeAsync();
                        scope = null;
                    }
                    if (outcome is not bool ok) continue;
                    (ok ? toProcessed : toFailed).Add(uid);
                }
            }
            finally
            {
                if (scope is { } open) await open.DisposeAsync();
            }
            // Only now, with every outcome of the batch committed, do its messages leave the inbox.
            foreach (var (uids, destination) in new[] { (toProcessed, processed), (toFailed, failed) })
            {
                if (uids.Count == 0) continue;
                await inbox.AddFlagsAsync(uids, MessageFlags.Seen, true, cancellationToken);
                await inbox.MoveToAsync(uids, destination, cancellationToken);
                handled += uids.Count;
            }
        }
        await client.DisconnectAsync(true, cancellationToken);
        return handled;
    }

    /// <summary>Consecutive messages, at most <paramref name="size"/> and <see cref="BatchBytes"/> (or one message) at a time.</summary>
    private static IEnumerable<IList<UniqueId>> Batches(IEnumerable<IMessageSummary> messages, int size)
    {
        var batch = new List<UniqueId>();
        long bytes = 0;
        foreach (var message in messages)
        {
            var length = (long)(message.Size ?? 0);
            if (batch.Count > 0 && (batch.Count == size || bytes + length > BatchBytes))
            {
                yield return batch;
                batch = [];
                bytes = 0;
            }
            batch.Add(message.UniqueId);
            bytes += length;
        }
        if (batch.Count > 0) yield return batch;
    }

    /// <summary>
    /// Ingests one message in the batch's scope: true when its outcome is committed (to Processed), false
    /// when it failed and the failure is recorded (to Failed), null when not even that could be recorded
    /// (it stays in the inbox). A message seen before whose recorded outcome is a failure goes to Failed again.
    /// Clean is false when the use case threw: the batch's scope is then not used again.
    /// </summary>
    private async Task<(bool? Outcome, bool Clean)> ProcessAsync(IServiceProvider services, UniqueId uid, byte[] raw, CancellationToken cancellationToken)
    {
        try
        {
            // Attachments the size limit refuses are not kept in the stored original either.
            var inbound = MailReader.Read(raw, email.Value.MaxAttachmentBytes);
            var outcome = await services.GetRequiredService<IMediator>().Send(new IngestEmail(inbound), cancellationToken);
            logger.LogInformation("Mail {MessageId} from {From}: {Status} {Ticket}{Duplicate}", inbound.MessageId, inbound.FromAddress,
                outcome.Status, outcome.TicketReference, outcome.Duplicate ? " (seen before)" : "");
            return (outcome.Status != InboundStatus.Failed, true);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Mail with UID {Uid} could not be processed; it goes to the {Folder} folder", uid, options.Value.FailedFolder);
            try
            {
                await RecordFailureAsync(raw, ex, cancellationToken);
                return (false, false);
            }
            catch (Exception recordError) when (recordError is not OperationCanceledException)
            {
                // Not even its failure could be recorded: it stays in the inbox, and the poll goes on.
                logger.LogError(recordError, "The failure of mail with UID {Uid} could not be recorded; it stays in the inbox", uid);
                return (null, false);
            }
        }
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

/// <summary>
/// Queues the outbox dispatch as soon as a change has written mail. Work that writes mail many times
/// in a row (the mailbox poll, message by message) holds the trigger, and the dispatch is queued once
/// when the hold ends, not once per message.
/// </summary>
public sealed class HangfireOutboxTrigger(IBackgroundJobClient jobs) : IOutboxTrigger
{
    private static readonly AsyncLocal<Hold?> Held = new();

    public void MailWritten()
    {
        if (Held.Value is { } hold) hold.Written = true;
        else Enqueue(jobs);
    }

    /// <summary>Holds the trigger for the code that follows (in this async flow) until disposed; then queues the dispatch once, if mail was written.</summary>
    public static IDisposable HoldUntilDisposed(IBackgroundJobClient jobs)
    {
        var hold = new Hold(jobs, Held.Value);
        Held.Value = hold;
        return hold;
    }

    private static void Enqueue(IBackgroundJobClient jobs) => jobs.Enqueue<OutboxDispatchJob>(j => j.RunAsync(CancellationToken.None));

    private sealed class Hold(IBackgroundJobClient jobs, Hold? outer) : IDisposable
    {
        public bool Written { get; set; }

        public void Dispose()
        {
            Held.Value = outer;
            if (!Written) return;
            Written = false;
            if (outer is not null) outer.Written = true;
            else Enqueue(jobs);
        }
    }
}
