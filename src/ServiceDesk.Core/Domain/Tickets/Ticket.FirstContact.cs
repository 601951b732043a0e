namespace ServiceDesk.Core.Domain.Tickets;

/// <summary>
/// First-contact resolution and major-incident outages: what the partner boards benchmark desks on.
/// <para>
/// A ticket is <b>resolved on first contact</b> when the desk says so as it resolves it (logged and
/// resolved during the call: <see cref="MarkFirstContact"/>), or when its resolution needed nothing
/// beyond the first contact: it never left the resolver group it was logged with, never waited for
/// the customer, had at most one public reply from staff before the resolution, and was never
/// reopened. The answer is fixed at resolution and cleared if the ticket is reopened.
/// </para>
/// </summary>
public sealed partial class Ticket
{
    /// <summary>True once resolved on first contact (see the class summary); false before resolution or after a reopen.</summary>
    public bool ResolvedOnFirstContact { get; private set; }

    /// <summary>The desk marked the ticket as resolved during the first contact (a phone call logged and resolved at once).</summary>
    public bool FirstContactMarked { get; private set; }

    /// <summary>The ticket moved to another resolver group after it was logged.</summary>
    public bool Reassigned { get; private set; }

    /// <summary>The ticket waited for the customer at some point.</summary>
    public bool AwaitedCustomer { get; private set; }

    /// <summary>Public replies by staff so far.</summary>
    public int StaffReplies { get; private set; }

    /// <summary>For a major incident (a P1 incident): when the service went down, and came back (null while still down).</summary>
    public DateTime? OutageStartedAt { get; private set; }
    public DateTime? OutageEndedAt { get; private set; }

    /// <summary>The catalogue services the outage took down (ids); the ticket's own service unless others were chosen.</summary>
    public List<int> OutageServiceIds { get; private set; } = [];

    /// <summary>The services an outage counts against: those chosen, or the ticket's own (outages recorded before the choice).</summary>
    public IReadOnlyList<int> ServicesDown => OutageServiceIds.Count > 0 ? OutageServiceIds : [ServiceId];

    /// <summary>
    /// The desk resolved the ticket during the first contact (the call, the first reply): it then counts
    /// as first-contact resolution whatever else happened. Any phone-call page or API may set it before resolving.
    /// </summary>
    public void MarkFirstContact(Actor actor, DateTime now)
    {
        if (FirstContactMarked) return;
        FirstContactMarked = true;
        Record(now, actor, "First contact", null, "Resolved on first contact");
    }

    /// <summary>
    /// Records the outage of the service behind a major incident (a P1 incident), in UTC; the end may
    /// follow later. The monthly report's availability of services is worked out from these.
    /// </summary>
    public void RecordOutage(DateTime startedAt, DateTime? endedAt, Actor actor, DateTime now, IReadOnlyCollection<int>? servicesAffected = null)
    {
        if (Type != TicketType.Incident || !RunsAroundTheClock)
            throw new FieldException("outageStartedAt", $"{Reference} is not a major incident: only a P1 incident or a major incident records a service outage.");
        if (servicesAffected is { Count: 0 })
            throw new FieldException("serviceIds", "Choose at least one service affected by the outage.");
        if (startedAt > now)
            throw new FieldException("outageStartedAt", "The outage cannot start in the future.");
        if (endedAt is DateTime end && end <= startedAt)
            throw new FieldException("outageEndedAt", "The outage must end after it started.");
        if (endedAt > now)
            throw new FieldException("outageEndedAt", "The outage cannot end in the future.");
        Record(now, actor, "Outage", Describe(OutageStartedAt, OutageEndedAt), Describe(startedAt, endedAt));
        OutageStartedAt = startedAt;
        OutageEndedAt = endedAt;
        var services = (servicesAffected ?? (OutageServiceIds.Count > 0 ? OutageServiceIds : [ServiceId])).Distinct().Order().ToList();
        if (!services.SequenceEqual(OutageServiceIds.Order()))
            Record(now, actor, "Outage services", OutageServiceIds.Count == 0 ? null : string.Join(", ", OutageServiceIds), string.Join(", ", services));
        OutageServiceIds = services;
        Changed(now, actor, "Outage");
    }

    private static string? Describe(DateTime? start, DateTime? end) => start is not DateTime s ? null
        : $"{s:yyyy-MM-dd HH:mm} to {(end is DateTime e ? e.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) : "(still down)")} UTC";

    private void DecideFirstContact() =>
        ResolvedOnFirstContact = FirstContactMarked || (!Reassigned && !AwaitedCustomer && StaffReplies <= 1 && ReopenCount == 0);
}
