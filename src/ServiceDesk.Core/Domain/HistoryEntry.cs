namespace ServiceDesk.Core.Domain;

/// <summary>
/// One line of an aggregate's append-only history (a ticket's or a problem's): who changed what,
/// when, from and to. Entries are never changed or removed once saved.
/// </summary>
public abstract class HistoryEntry : IAppendOnly
{
    protected HistoryEntry() { }

    protected HistoryEntry(DateTime at, int? actorId, string actorName, string change, string? from, string? to)
    {
        At = at;
        ActorId = actorId;
        ActorName = actorName;
        Change = change;
        From = from;
        To = to;
    }

    public long Id { get; private set; }
    public DateTime At { get; private set; }

    /// <summary>Null when the system acted (auto-close, timers).</summary>
    public int? ActorId { get; private set; }
    public string ActorName { get; private set; } = "";
    public string Change { get; private set; } = "";
    public string? From { get; private set; }
    public string? To { get; private set; }

    public bool Redacting { get; private set; }

    /// <summary>Removes personal data from the entry (retention, erasure): the only change an entry ever takes.</summary>
    public void Redact(Func<string, string> scrub, int? actorId, string? actorName)
    {
        Redacting = true;
        if (actorName is not null) (ActorId, ActorName) = (actorId, actorName);
        else ActorName = scrub(ActorName);
        From = From is null ? null : scrub(From);
        To = To is null ? null : scrub(To);
    }
}
