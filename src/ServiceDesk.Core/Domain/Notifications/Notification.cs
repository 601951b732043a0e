namespace ServiceDesk.Core.Domain.Notifications;

/// <summary>
/// A message waiting in the outbox: written in the same transaction as the change it tells of,
/// then delivered by a background job, so a notification is never lost and never sent for a
/// change that was rolled back.
/// </summary>
public sealed class Notification
{
    private Notification() { }

    public Notification(string kind, long? ticketId, int? recipientPersonId, string recipientEmail, string subject, string body, DateTime createdAt)
    {
        Kind = kind;
        TicketId = ticketId;
        RecipientPersonId = recipientPersonId;
        RecipientEmail = recipientEmail;
        Subject = subject;
        Body = body;
        CreatedAt = createdAt;
    }

    public long Id { get; private set; }
    public string Kind { get; private set; } = "";
    public long? TicketId { get; private set; }
    public int? RecipientPersonId { get; private set; }
    public string RecipientEmail { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public string Body { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public DateTime? SentAt { get; private set; }
    public int Attempts { get; private set; }
    public string? LastError { get; private set; }

    public void MarkSent(DateTime at)
    {
        SentAt = at;
        Attempts++;
        LastError = null;
    }

    public void MarkFailed(string error)
    {
        Attempts++;
        LastError = error.Length > 2000 ? error[..2000] : error;
    }
}
