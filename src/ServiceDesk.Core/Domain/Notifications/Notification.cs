namespace ServiceDesk.Core.Domain.Notifications;

/// <summary>
/// A message waiting in the outbox: written in the same transaction as the change it tells of,
/// then delivered by a background job, so a notification is never lost and never sent for a
/// change that was rolled back.
/// </summary>
public sealed class Notification
{
    private Notification() { }

    public Notification(string kind, long? ticketId, int? recipientPersonId, string recipientEmail, string subject, string body, DateTime createdAt,
        string? messageId = null, string? inReplyTo = null, bool autoSubmitted = true)
    {
        MessageId = messageId;
        InReplyTo = inReplyTo;
        AutoSubmitted = autoSubmitted;
        NextAttemptAt = createdAt;
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
    public Tickets.Ticket? Ticket { get; private set; }
    public int? RecipientPersonId { get; private set; }
    public string RecipientEmail { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public string Body { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public DateTime? SentAt { get; private set; }
    public int Attempts { get; private set; }
    public string? LastError { get; private set; }

    /// <summary>The Message-ID the desk gives the email, so replies to it thread back to the ticket.</summary>
    public string? MessageId { get; private set; }

    /// <summary>The message this one answers (the requester's last email), for mail clients' threading.</summary>
    public string? InReplyTo { get; private set; }

    /// <summary>System mail carries "Auto-Submitted: auto-generated" so other systems never answer it.</summary>
    public bool AutoSubmitted { get; private set; }
    public DateTime? NextAttemptAt { get; private set; }

    /// <summary>The dispatcher that has claimed the message for sending, and until when (a stopped node's claim runs out).</summary>
    public string? ClaimedBy { get; private set; }
    public DateTime? ClaimedUntil { get; private set; }

    /// <summary>An HTML alternative to the plain-text body (reports), if any.</summary>
    public string? HtmlBody { get; private set; }

    /// <summary>One file sent with the message (a report's CSV), if any.</summary>
    public string? AttachmentName { get; private set; }
    public string? AttachmentContentType { get; private set; }
    public byte[]? AttachmentContent { get; private set; }

    public Notification WithHtml(string html)
    {
        HtmlBody = html;
        return this;
    }

    /// <summary>A second file (the SLA report goes as CSV and PDF).</summary>
    public string? SecondAttachmentName { get; private set; }
    public string? SecondAttachmentContentType { get; private set; }
    public byte[]? SecondAttachmentContent { get; private set; }

    /// <summary>Attaches a file; a second call attaches a second file.</summary>
    public Notification WithAttachment(string fileName, string contentType, byte[] content)
    {
        if (AttachmentContent is not null)
        {
            if (SecondAttachmentContent is not null) throw new InvalidOperationException("A notification carries at most two files.");
            SecondAttachmentName = fileName;
            SecondAttachmentContentType = contentType;
            SecondAttachmentContent = content;
            return this;
        }
        AttachmentName = fileName;
        AttachmentContentType = contentType;
        AttachmentContent = content;
        return this;
    }

    /// <summary>Ties the message to its ticket, also one not yet saved.</summary>
    public Notification ForTicket(Tickets.Ticket ticket)
    {
        Ticket = ticket;
        if (ticket.Id != 0) TicketId = ticket.Id;
        return this;
    }

    /// <summary>Gives the message its Message-ID before its first delivery attempt, if it has none yet.</summary>
    public string EnsureMessageId(Func<string> create) => MessageId ??= create();

    public void MarkSent(DateTime at)
    {
        SentAt = at;
        Attempts++;
        LastError = null;
        NextAttemptAt = null;
        ClaimedBy = null;
        ClaimedUntil = null;
    }

    /// <summary>Delivery failed: try again later, waiting longer each time (1, 2, 4 … minutes, at most an hour).</summary>
    public void MarkFailed(string error, DateTime at)
    {
        Attempts++;
        LastError = error.Length > 2000 ? error[..2000] : error;
        NextAttemptAt = at.AddMinutes(Math.Min(60, Math.Pow(2, Math.Min(Attempts - 1, 6))));
        ClaimedBy = null;
        ClaimedUntil = null;
    }
}
