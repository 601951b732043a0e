namespace ServiceDesk.Core.Domain.Tickets;

/// <summary>How one ticket is linked to another.</summary>
public enum TicketLinkKind
{
    /// <summary>The two tickets are about related things.</summary>
    RelatesTo,

    /// <summary>This ticket asks for the same thing as the linked one (the original).</summary>
    DuplicateOf,
}

/// <summary>A link made from one ticket to another; it shows on both.</summary>
public sealed class TicketLink
{
    private TicketLink() { }

    internal TicketLink(long linkedTicketId, TicketLinkKind kind, int? createdById, DateTime at)
    {
        LinkedTicketId = linkedTicketId;
        Kind = kind;
        CreatedById = createdById;
        CreatedAt = at;
    }

    public long Id { get; private set; }
    public long TicketId { get; private set; }
    public long LinkedTicketId { get; private set; }
    public TicketLinkKind Kind { get; private set; }
    public int? CreatedById { get; private set; }
    public DateTime CreatedAt { get; private set; }
}

/// <summary>
/// Links between tickets, merging a duplicate into its original, and major incidents: a parent
/// incident to which the incidents of every council affected are attached. Each change is recorded
/// in the history of both tickets.
/// </summary>
public sealed partial class Ticket
{
    /// <summary>Links made from this ticket (links made to it live on the other ticket).</summary>
    public List<TicketLink> Links { get; private set; } = [];

    /// <summary>The original this duplicate was merged into (it is then closed).</summary>
    public long? MergedIntoId { get; private set; }

    /// <summary>A major incident: the parent of the incidents one outage causes, on a 24×7 clock.</summary>
    public bool IsMajorIncident { get; private set; }

    /// <summary>The major incident this incident is attached to, as one of its children.</summary>
    public long? MajorIncidentId { get; private set; }

    /// <summary>Whether this ticket's clocks run on the partnership's 24×7 calendar: a P1 incident or a major incident.</summary>
    public bool RunsAroundTheClock => IsMajorIncident || Priority == Priority.P1;

    /// <summary>Links this ticket to another (both must be visible to whoever links them: the caller's to check).</summary>
    public void Link(Ticket other, TicketLinkKind kind, Actor actor, DateTime now)
    {
        if (other.Id == Id)
            throw new FieldException("ticket", $"{Reference} cannot be linked to itself.");
        if (IsLinkedTo(other))
            throw new ConflictException($"{Reference} is already linked to {other.Reference}.");
        Links.Add(new TicketLink(other.Id, kind, actor.PersonId, now));
        var words = Describe(kind);
        Record(now, actor, "Link", null, $"{words} {other.Reference}");
        other.Record(now, actor, "Link", null, $"{DescribeInverse(kind)} {Reference}");
        Changed(now, actor, "Link");
        other.Changed(now, actor, "Link");
    }

    /// <summary>Removes the link between the two tickets, whichever of them it was made from.</summary>
    public void Unlink(Ticket other, Actor actor, DateTime now)
    {
        var link = Links.FirstOrDefault(l => l.LinkedTicketId == other.Id) ?? other.Links.FirstOrDefault(l => l.LinkedTicketId == Id)
            ?? throw new FieldException("ticket", $"{Reference} is not linked to {other.Reference}.");
        Links.Remove(link);
        other.Links.Remove(link);
        Record(now, actor, "Link", other.Reference, null);
        other.Record(now, actor, "Link", Reference, null);
        Changed(now, actor, "Unlink");
        other.Changed(now, actor, "Unlink");
    }

    public bool IsLinkedTo(Ticket other) =>
        Links.Any(l => l.LinkedTicketId == other.Id) || other.Links.Any(l => l.LinkedTicketId == Id);

    public static string Describe(TicketLinkKind kind) => kind switch
    {
        TicketLinkKind.DuplicateOf => "Duplicate of",
        _ => "Relates to",
    };

    /// <summary>The link as the linked ticket reads it.</summary>
    public static string DescribeInverse(TicketLinkKind kind) => kind switch
    {
        TicketLinkKind.DuplicateOf => "Has duplicate",
        _ => "Relates to",
    };

    /// <summary>
    /// Merges this duplicate into its original: the conversation is copied to the original, the
    /// requester and participants follow the original, the requester is told by a public reply (its
    /// email), and this ticket closes pointing at the original. Both tickets must be the same council's.
    /// </summary>
    public void MergeInto(Ticket original, Person by, DateTime now)
    {
        if (original.Id == Id)
            throw new FieldException("into", $"{Reference} cannot be merged into itself.");
        if (original.CouncilId != CouncilId)
            throw new FieldException("into", $"{original.Reference} is another council's ticket: only tickets of the same council can be merged.");
        if (original.Status == TicketStatus.Closed || original.MergedIntoId is not null)
            throw new FieldException("into", $"{original.Reference} is closed: merge into an open original.");
        if (Status == TicketStatus.Closed)
            throw new ConflictException($"{Reference} is closed and cannot be merged.");
        if (IsMajorIncident || original.IsMajorIncident)
            throw new FieldException("into", "A major incident cannot be merged; attach the incident to it instead.");
        EnsureApproved("merge");

        var actor = Actor.Of(by);
        // The conversation as it was, at its own times, so the original's timeline reads in order.
        foreach (var c in Comments.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id))
            original.Comments.Add(new TicketComment(c.AuthorId, c.Body, c.IsInternal, c.CreatedAt));
        // Its files too, as copies like its conversation, so the duplicate still reads as it was.
        foreach (var a in Attachments.OrderBy(a => a.Id).ToList())
        {
            original.Attachments.Add(a.CopyForMerge());
            original.Record(now, actor, "Attachment", null, $"{a.FileName} ({a.Size:N0} bytes, from {Reference})");
        }
        foreach (var personId in Participants.Select(p => p.PersonId).Prepend(RequesterId).Distinct())
        {
            if (personId == original.RequesterId || original.Participants.Any(p => p.PersonId == personId)) continue;
            original.Participants.Add(new TicketParticipant(personId));
            original.Record(now, actor, "Participant", null, personId == RequesterId ? $"{Requester?.DisplayName ?? "requester"} (from {Reference})" : $"from {Reference}");
        }
        original.Record(now, actor, "Merged in", null, $"{Reference}: {Title}");
        original.Changed(now, actor, "Merged in");

        Comment(by, $"This request is the same as {original.Reference} (\"{original.Title}\"), so the two have been merged: " +
            $"{original.Reference} now has this conversation and you will hear about it there. This ticket is closed.", false, true, now);
        if (!IsLinkedTo(original))
        {
            Links.Add(new TicketLink(original.Id, TicketLinkKind.DuplicateOf, actor.PersonId, now));
            original.Record(now, actor, "Link", null, $"{DescribeInverse(TicketLinkKind.DuplicateOf)} {Reference}");
            Record(now, actor, "Link", null, $"Duplicate of {original.Reference}");
        }
        MergedIntoId = original.Id;
        Resolution = $"Merged into {original.Reference}.";
        ResolvedAt ??= now;
        ClosedAt = now;
        ReopenUntil = null;
        Record(now, actor, "Merged into", null, original.Reference);
        MoveTo(TicketStatus.Closed, actor, now);
        Changed(now, actor, "Merged");
    }

    /// <summary>Declares this incident a major incident: a parent for the incidents of every council the outage hits.</summary>
    public void DeclareMajorIncident(Actor actor, DateTime now)
    {
        if (Type != TicketType.Incident)
            throw new ConflictException($"{Reference} is a service request: only an incident can be a major incident.");
        EnsureNotFinished("declare a major incident on");
        if (IsMajorIncident)
            throw new ConflictException($"{Reference} is already a major incident.");
        if (MajorIncidentId is not null)
            throw new ConflictException($"{Reference} is attached to a major incident; detach it first.");
        IsMajorIncident = true;
        Record(now, actor, "Major incident", null, "Declared");
        Changed(now, actor, "Major incident");
    }

    /// <summary>Attaches an incident to this major incident as one of its children.</summary>
    public void AttachChild(Ticket child, Actor actor, DateTime now)
    {
        if (!IsMajorIncident)
            throw new ConflictException($"{Reference} is not a major incident; declare it one first.");
        EnsureNotFinished("attach incidents to");
        if (child.Id == Id)
            throw new FieldException("ticket", $"{Reference} cannot be attached to itself.");
        if (child.Type != TicketType.Incident)
            throw new FieldException("ticket", $"{child.Reference} is a service request: only incidents are attached to a major incident.");
        if (child.IsMajorIncident)
            throw new FieldException("ticket", $"{child.Reference} is itself a major incident.");
        if (!child.IsOpen)
            throw new FieldException("ticket", $"{child.Reference} is {TicketLifecycle.Describe(child.Status)}: attach an open incident.");
        if (child.MajorIncidentId == Id)
            throw new ConflictException($"{child.Reference} is already attached to {Reference}.");
        if (child.MajorIncidentId is not null)
            throw new FieldException("ticket", $"{child.Reference} is attached to another major incident; detach it there first.");
        child.MajorIncidentId = Id;
        Record(now, actor, "Child incident", null, child.Reference);
        child.Record(now, actor, "Major incident", null, $"Part of {Reference}");
        Changed(now, actor, "Child incident");
        child.Changed(now, actor, "Major incident");
    }

    /// <summary>Detaches one of this major incident's children.</summary>
    public void DetachChild(Ticket child, Actor actor, DateTime now)
    {
        if (child.MajorIncidentId != Id)
            throw new FieldException("ticket", $"{child.Reference} is not attached to {Reference}.");
        child.MajorIncidentId = null;
        Record(now, actor, "Child incident", child.Reference, null);
        child.Record(now, actor, "Major incident", $"Part of {Reference}", null);
        Changed(now, actor, "Child incident");
        child.Changed(now, actor, "Major incident");
    }

    /// <summary>
    /// A public update on this major incident: a reply on it and on each open child, so every child's
    /// requester reads it on their own ticket and by email, never seeing the other councils' tickets.
    /// </summary>
    public void PublishUpdate(IReadOnlyList<Ticket> children, Person by, string body, DateTime now)
    {
        if (!IsMajorIncident)
            throw new ConflictException($"{Reference} is not a major incident.");
        var text = body.Trim();
        Comment(by, text, isInternal: false, authorIsStaff: true, now);
        foreach (var child in children.Where(c => c.MajorIncidentId == Id && c.Status != TicketStatus.Closed))
            child.Comment(by, text, isInternal: false, authorIsStaff: true, now);
    }

    /// <summary>The major incident is resolved: each open child is resolved with the same note, and its requester told.</summary>
    public void ResolveChildren(IReadOnlyList<(Ticket Child, Calendars.BusinessCalendar Calendar)> children, Actor actor, DateTime now)
    {
        if (!IsMajorIncident || Status != TicketStatus.Resolved) return;
        foreach (var (child, calendar) in children.Where(c => c.Child.MajorIncidentId == Id && c.Child.IsOpen))
        {
            child.Record(now, actor, "Resolved with major incident", null, Reference);
            child.GroupWorkedAt ??= now;
            child.Resolve(Resolution, actor, calendar, now);
        }
    }
}
