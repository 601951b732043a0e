namespace ServiceDesk.Core.Domain.Email;

/// <summary>What became of an email the desk received.</summary>
public enum InboundStatus
{
    /// <summary>It raised a new ticket.</summary>
    Ticketed,
    /// <summary>It was added to an existing ticket.</summary>
    Appended,
    /// <summary>No council's person sent it, or it was automatic mail for no ticket: agents decide.</summary>
    Unmatched,
    /// <summary>An agent looked at it and let it go.</summary>
    Discarded,
    /// <summary>A delivery report about mail the desk sent, recorded on that ticket.</summary>
    Bounce,
    /// <summary>Processing failed; the message is kept in the Failed folder and listed for the desk.</summary>
    Failed,
    /// <summary>Automatic mail (an out-of-office, a read receipt, a report, a bounce) that answers no ticket: kept, never answered.</summary>
    Automatic,
}

/// <summary>
/// An email the desk received, kept whole (the raw message) with what became of it. Its Message-ID
/// with a hash of its content is what makes processing idempotent: a message seen again is never
/// processed twice, while a different message that reuses a Message-ID is processed as new.
/// </summary>
public sealed class InboundMessage
{
    private InboundMessage() { }

    public InboundMessage(string messageId, string contentHash, string fromAddress, string? fromName, string subject, string text, byte[] raw, DateTime receivedAt)
    {
        MessageId = messageId;
        ContentHash = contentHash;
        FromAddress = fromAddress;
        FromName = fromName;
        Subject = subject.Length > 500 ? subject[..500] : subject;
        Text = text.Length > 20_000 ? text[..20_000] : text;
        Raw = raw;
        ReceivedAt = receivedAt;
    }

    public long Id { get; private set; }
    public string MessageId { get; private set; } = "";

    /// <summary>SHA-256 (hex) of the message as written, transit headers and line endings aside.</summary>
    public string ContentHash { get; private set; } = "";
    public string FromAddress { get; private set; } = "";
    public string? FromName { get; private set; }
    public string Subject { get; private set; } = "";

    /// <summary>The new text of the message, for the desk to read without opening the original.</summary>
    public string Text { get; private set; } = "";
    public byte[] Raw { get; private set; } = [];
    public DateTime ReceivedAt { get; private set; }
    public InboundStatus Status { get; private set; }
    public string? Note { get; private set; }
    public long? TicketId { get; private set; }
    public Tickets.Ticket? Ticket { get; private set; }
    public DateTime? DecidedAt { get; private set; }
    public int? DecidedById { get; private set; }

    public void Ticketed(Tickets.Ticket ticket) => (Status, Ticket) = (InboundStatus.Ticketed, ticket);
    public void Appended(Tickets.Ticket ticket) => (Status, Ticket) = (InboundStatus.Appended, ticket);
    public void Bounced(Tickets.Ticket? ticket, string note) => (Status, Ticket, Note) = (InboundStatus.Bounce, ticket, note);
    public void Unmatched(string reason) => (Status, Note) = (InboundStatus.Unmatched, reason);
    public void Automatic(string reason) => (Status, Note) = (InboundStatus.Automatic, reason.Length > 2000 ? reason[..2000] : reason);
    public void Failed(string error) => (Status, Note) = (InboundStatus.Failed, error.Length > 2000 ? error[..2000] : error);

    public void Discard(int agentId, DateTime at)
    {
        if (Status is not (InboundStatus.Unmatched or InboundStatus.Failed or InboundStatus.Automatic))
            throw new ConflictException($"Only unmatched, automatic or failed mail can be discarded; this message is {Status}.");
        (Status, DecidedById, DecidedAt) = (InboundStatus.Discarded, agentId, at);
    }

    public void AddedTo(Tickets.Ticket ticket, int agentId, DateTime at)
    {
        if (Status is not (InboundStatus.Unmatched or InboundStatus.Failed))
            throw new ConflictException($"Only unmatched or failed mail can be added to a ticket; this message is {Status}.");
        (Status, Ticket, DecidedById, DecidedAt) = (InboundStatus.Appended, ticket, agentId, at);
    }

    public void TurnedIntoTicket(Tickets.Ticket ticket, int agentId, DateTime at)
    {
        if (Status is not (InboundStatus.Unmatched or InboundStatus.Failed))
            throw new ConflictException($"Only unmatched or failed mail can be turned into a ticket; this message is {Status}.");
        (Status, Ticket, DecidedById, DecidedAt) = (InboundStatus.Ticketed, ticket, agentId, at);
    }
}
