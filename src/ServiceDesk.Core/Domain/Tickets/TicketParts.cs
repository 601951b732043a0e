namespace ServiceDesk.Core.Domain.Tickets;

/// <summary>A public reply or an internal note on a ticket.</summary>
public sealed class TicketComment
{
    private TicketComment() { }

    internal TicketComment(int authorId, string body, bool isInternal, DateTime at)
    {
        AuthorId = authorId;
        Body = body;
        IsInternal = isInternal;
        CreatedAt = at;
    }

    public int Id { get; private set; }
    public long TicketId { get; private set; }
    public int AuthorId { get; private set; }
    public Person? Author { get; private set; }
    public string Body { get; private set; } = "";

    /// <summary>Internal notes are for desk staff only; requesters and approvers never see them.</summary>
    public bool IsInternal { get; private set; }
    public DateTime CreatedAt { get; private set; }

    /// <summary>Removes personal data from the text; the author becomes <paramref name="authorId"/> when given.</summary>
    internal void Redact(Func<string, string> scrub, int? authorId)
    {
        Body = scrub(Body);
        if (authorId is int id) AuthorId = id;
    }
}

/// <summary>One line of a ticket's append-only history.</summary>
public sealed class TicketHistoryEntry : HistoryEntry
{
    private TicketHistoryEntry() { }

    internal TicketHistoryEntry(DateTime at, int? actorId, string actorName, string change, string? from, string? to)
        : base(at, actorId, actorName, change, from, to) { }

    public long TicketId { get; private set; }
}

/// <summary>Someone who follows a ticket and may reply to it (a line manager, a colleague copied in).</summary>
public sealed class TicketParticipant
{
    private TicketParticipant() { }
    internal TicketParticipant(int personId) => PersonId = personId;

    public long TicketId { get; private set; }
    public int PersonId { get; private set; }
}

/// <summary>Who is acting on a ticket: a person, or the desk itself.</summary>
public sealed record Actor(int? PersonId, string Name)
{
    public static Actor System { get; } = new(null, "ServiceDesk");
    public static Actor Of(Person person) => new(person.Id, person.DisplayName);
}

/// <summary>Raised whenever a ticket changes, after the change is committed.</summary>
public sealed record TicketChanged(Ticket Ticket, string Change, int? ActorId, TicketComment? Comment = null) : IDomainEvent;
