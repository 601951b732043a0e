using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ServiceDesk.Core.Abstractions;

namespace ServiceDesk.Core.Features.Email;

/// <summary>An email ready for the wire, optionally with an HTML alternative and one attachment.</summary>
public sealed record OutgoingMail(
    string MessageId, string FromAddress, string FromName, string ToAddress, string Subject, string Body,
    string? InReplyTo, bool AutoSubmitted, string? HtmlBody = null, MailAttachment? Attachment = null, MailAttachment? SecondAttachment = null);

/// <summary>A file attached to an outgoing email.</summary>
public sealed record MailAttachment(string FileName, string ContentType, byte[] Content);

/// <summary>Delivers one email (SMTP, or a pickup folder when no server is configured).</summary>
public interface IMailSender
{
    Task SendAsync(OutgoingMail mail, CancellationToken ct);
}

/// <summary>
/// Claims due outbox messages for one dispatcher, atomically: messages another dispatcher (on this
/// node or another) holds an unexpired claim on are never claimed.
/// </summary>
public interface IOutboxClaims
{
    /// <summary>Claims up to <paramref name="count"/> due messages for <paramref name="claimant"/> until <paramref name="until"/>.</summary>
    Task ClaimAsync(string claimant, int count, DateTime now, DateTime until, CancellationToken ct);
}

/// <summary>
/// Sends what is due in the outbox. A dispatcher first claims a batch, so dispatchers on several
/// nodes never send the same message; each message is marked sent as soon as it is delivered. A
/// node that stops mid-batch sends at most the message in hand twice: the rest of its claim runs
/// out and another dispatcher sends them. A message is only sent while at least half of its claim is
/// left: once half has gone the claim on the rest of the batch is renewed (one statement), so a slow
/// batch never overlaps another dispatcher's, and a message another dispatcher took after the claim
/// ran out is left to it. A failure is retried later with back-off.
/// </summary>
public sealed record DispatchOutbox(int BatchSize = 50) : IRequest<int>;

public sealed class DispatchOutboxHandler(IServiceDeskDb db, IOutboxClaims claims, IMailSender sender, TimeProvider time, IOptions<EmailOptions> options)
    : IRequestHandler<DispatchOutbox, int>
{
    public async Task<int> Handle(DispatchOutbox request, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var claimant = Guid.NewGuid().ToString("N");
        await claims.ClaimAsync(claimant, request.BatchSize, now, now.AddSeconds(options.Value.OutboxClaimSeconds), ct);
        // Read untracked, and each message tracked only while it is marked: a save then compares one message,
        // not every message of the batch (three times: the audit trail, the domain events and the save itself).
        var due = await db.Notifications.AsNoTracking().Where(n => n.ClaimedBy == claimant).OrderBy(n => n.Id).ToListAsync(ct);
        var lifetime = TimeSpan.FromSeconds(options.Value.OutboxClaimSeconds);
        var claimedUntil = now + lifetime;
        HashSet<long>? held = null;
        var sent = 0;
        for (var i = 0; i < due.Count; i++)
        {
            var notification = due[i];
            var at = time.GetUtcNow().UtcDateTime;
            if (claimedUntil - at < lifetime / 2)
            {
                // Half the claim has gone: renew it on the rest of the batch, and keep only what is still ours
                // (if the claim ran out, another dispatcher may have taken some of it).
                var rest = due.Skip(i).Select(n => n.Id).ToList();
                claimedUntil = at + lifetime;
                await db.Notifications.Where(n => rest.Contains(n.Id) && n.ClaimedBy == claimant && n.SentAt == null)
                    .ExecuteUpdateAsync(u => u.SetProperty(n => n.ClaimedUntil, claimedUntil), ct);
                held = (await db.Notifications.AsNoTracking().Where(n => rest.Contains(n.Id) && n.ClaimedBy == claimant && n.SentAt == null)
                    .Select(n => n.Id).ToListAsync(ct)).ToHashSet();
            }
            if (held is not null && !held.Contains(notification.Id)) continue;
            db.Notifications.Attach(notification);
            var messageId = notification.EnsureMessageId(options.Value.NewMessageId);
            try
            {
                await sender.SendAsync(new OutgoingMail(messageId, options.Value.DeskAddress, options.Value.DeskName,
                    notification.RecipientEmail, notification.Subject, notification.Body, notification.InReplyTo, notification.AutoSubmitted,
                    notification.HtmlBody,
                    notification.AttachmentContent is { } content ? new MailAttachment(notification.AttachmentName ?? "attachment", notification.AttachmentContentType ?? "application/octet-stream", content) : null,
                    notification.SecondAttachmentContent is { } second ? new MailAttachment(notification.SecondAttachmentName ?? "attachment", notification.SecondAttachmentContentType ?? "application/octet-stream", second) : null), ct);
                notification.MarkSent(time.GetUtcNow().UtcDateTime);
                sent++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                notification.MarkFailed($"{ex.GetType().Name}: {ex.Message}", time.GetUtcNow().UtcDateTime);
            }
            await db.SaveChangesAsync(ct);
            db.ForgetTracked();
        }
        return sent;
    }
}
