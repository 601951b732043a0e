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
/// Sends what is due in the outbox. Each message is marked sent as soon as it is delivered, so a
/// crash mid-batch never sends one twice; a failure is retried later with back-off.
/// </summary>
public sealed record DispatchOutbox(int BatchSize = 50) : IRequest<int>;

public sealed class DispatchOutboxHandler(IServiceDeskDb db, IMailSender sender, TimeProvider time, IOptions<EmailOptions> options)
    : IRequestHandler<DispatchOutbox, int>
{
    public async Task<int> Handle(DispatchOutbox request, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var due = await db.Notifications
            .Where(n => n.SentAt == null && (n.NextAttemptAt == null || n.NextAttemptAt <= now))
            .OrderBy(n => n.Id).Take(request.BatchSize).ToListAsync(ct);
        var sent = 0;
        foreach (var notification in due)
        {
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
        }
        return sent;
    }
}
