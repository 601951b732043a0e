namespace ServiceDesk.Core.Domain.Tickets;

/// <summary>Personal data on a ticket: anonymised after the council's retention period, or on a person's erasure.</summary>
public sealed partial class Ticket
{
    /// <summary>When the ticket's personal data was anonymised (retention); null while it keeps it.</summary>
    public DateTime? AnonymisedAt { get; private set; }

    /// <summary>
    /// Removes personal data: the requester becomes <paramref name="formerStaff"/> (when given), the texts
    /// (title, description, resolution, rating comment, conversation, history and approvals) lose the names and
    /// addresses <paramref name="scrub"/> removes, followers are dropped and files deleted (or, when they are kept, their names scrubbed). The caller
    /// deletes the raw mail. <paramref name="people"/> are those whose authorship moves to the former-staff record.
    /// </summary>
    public void Anonymise(Person? formerStaff, IReadOnlySet<int> people, Func<string, string> scrub, DateTime now, bool dropFiles = true)
    {
        if (formerStaff is not null && people.Contains(RequesterId))
        {
            RequesterId = formerStaff.Id;
            Requester = formerStaff;
        }
        Title = scrub(Title);
        Description = scrub(Description);
        if (Resolution is not null) Resolution = scrub(Resolution);
        if (SatisfactionComment is not null) SatisfactionComment = scrub(SatisfactionComment);
        foreach (var comment in Comments)
            comment.Redact(scrub, formerStaff is not null && people.Contains(comment.AuthorId) ? formerStaff.Id : null);
        foreach (var entry in History)
            entry.Redact(scrub, formerStaff?.Id, entry.ActorId is int actor && people.Contains(actor) ? formerStaff?.DisplayName : null);
        foreach (var approval in Approvals) approval.Redact(scrub);
        Participants.RemoveAll(p => people.Contains(p.PersonId));
        if (dropFiles) Attachments.Clear();
        else foreach (var attachment in Attachments) attachment.Redact(scrub);
        AnonymisedAt ??= dropFiles ? now : AnonymisedAt;
        Record(now, Actor.System, "Personal data", null, dropFiles ? "Anonymised: names, addresses and files removed" : "Names and addresses removed");
        UpdatedAt = now;
        Version++;
    }
}
