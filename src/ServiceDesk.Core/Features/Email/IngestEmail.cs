using System.Text.RegularExpressions;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ServiceDesk.Core.Abstractions;
using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Domain.Email;
using ServiceDesk.Core.Domain.Tickets;
using ServiceDesk.Core.Features.Sla;
using ServiceDesk.Core.Features.Tickets;

namespace ServiceDesk.Core.Features.Email;

/// <summary>What became of an email: its status, its ticket, and whether it had been seen before.</summary>
public sealed record IngestOutcome(InboundStatus Status, string? TicketReference, bool Duplicate);

/// <summary>
/// Turns one received email into a ticket, a reply on a ticket, a bounce note, or an entry in the
/// Unmatched or Automatic mail list, in one transaction with the record of the message itself. The
/// message's Message-ID and content hash make this idempotent: a message seen before changes nothing,
/// while a different message reusing a known Message-ID is processed as new. A reply that meets an
/// agent's change to the same ticket is applied again to the ticket as it is now.
/// </summary>
public sealed record IngestEmail(InboundEmail Email) : IRequest<IngestOutcome>, Behaviours.IRetryOnConflict
{
    public bool RetriesOnConflict => true;
}

public sealed partial class IngestEmailHandler(
    IServiceDeskDb db, SlaClockKeeper clocks, TicketMail mail, TimeProvider time, IOptions<EmailOptions> options, Access.Requesters requesters)
    : IRequestHandler<IngestEmail, IngestOutcome>
{
    /// <summary>The service a new email ticket is logged under; the desk reclassifies it.</summary>
    public const string DefaultService = "General enquiry";

    [GeneratedRegex(@"\[\s*(SD-\d{1,12})\s*\]", RegexOptions.IgnoreCase)]
    private static partial Regex SubjectTag();

    [GeneratedRegex(@"^\s*((re|fw|fwd|aw|sv|vs)\s*(\[\d+\])?\s*:\s*)+", RegexOptions.IgnoreCase)]
    private static partial Regex ReplyPrefixes();

    public async Task<IngestOutcome> Handle(IngestEmail request, CancellationToken ct)
    {
        var email = request.Email;
        var now = time.GetUtcNow().UtcDateTime;
        var seen = await db.InboundMessages.AsNoTracking()
            .Where(m => m.MessageId == email.MessageId && m.ContentHash == email.ContentHash)
            .Select(m => new { m.Status, m.TicketId })
            .FirstOrDefaultAsync(ct);
        if (seen is not null)
            return new IngestOutcome(seen.Status, seen.TicketId is long id ? TicketReference.Format(id) : null, Duplicate: true);

        // The record of the message is added only with the change it causes, so that a crash before
        // that change commits leaves the message unprocessed, to be read again.
        var message = new InboundMessage(email.MessageId, email.ContentHash, email.FromAddress, email.FromName, email.Subject, email.NewText, email.Raw, now);

        if (email.IsDeliveryReport)
            return await RecordBounceAsync(email, message, now, ct);

        var sender = await db.People.Include(p => p.Memberships).FirstOrDefaultAsync(p => p.Email == email.FromAddress, ct);
        if (sender is null)
        {
            var council = await requesters.CouncilOfAddressAsync(email.FromAddress, ct);
            if (email.IsAutomatic)
                return await AutomaticAsync(message, $"Automatic mail ({email.AutomaticReason}) from an address the desk does not know.", ct);
            if (council is null)
                return await UnmatchedAsync(message, $"{email.FromAddress} is in no council's mail domain.", ct);
            sender = requesters.Enrol(email.FromAddress, email.FromName, council);
            // Enrolled first, so the history can name them; a rerun after a crash finds them.
            await db.SaveChangesAsync(ct);
        }

        var (ticket, refused) = await ThreadAsync(email, sender, ct);
        if (email.IsAutomatic)
        {
            // Automatic replies never change a ticket's state and are never answered; the desk sees them.
            if (ticket is null)
                return await AutomaticAsync(message, $"Automatic mail ({email.AutomaticReason}) that answers no ticket.", ct);
            ticket.RecordSystemNote("Automatic reply", $"{email.FromAddress}: {email.Subject} ({email.AutomaticReason})", now);
            message.Appended(ticket);
            return await SaveAsync(ticket, message, now, acknowledge: false, ct);
        }
        if (refused is not null)
            // A colleague, or anyone else who is not on the ticket: their words never reach it, and start nothing.
            return await UnmatchedAsync(message,
                $"{sender.Email} answered {refused.Reference} but is neither its requester nor a participant, so the mail was not added to it.", ct);

        var finished = ticket is not null && (ticket.Status == TicketStatus.Closed
            || ticket.Status == TicketStatus.Resolved && ticket.ReopenUntil is DateTime until && now > until);
        if ((ticket is null || finished) && sender.IsSharedIct)
            // Desk staff forward requests for others: an agent turns it into a ticket for the right requester.
            return await UnmatchedAsync(message, $"Mail from shared ICT staff ({sender.Email}) that answers no open ticket: turn it into a ticket for its requester.", ct);
        // The council a new ticket would be for, looked up once (it also decides whether one may be raised).
        var raiseFor = ticket is null || finished ? await requesters.CouncilToRaiseForAsync(sender, null, ct) : null;
        if ((ticket is null || finished) && raiseFor is null)
            // A leaver, or someone whose council has left the partnership: the desk decides what to do.
            return await UnmatchedAsync(message, sender.IsActive
                ? $"{sender.Email} works for no council still in the partnership, so the mail raised no ticket."
                : $"{sender.Email} is deactivated, so the mail raised no ticket.", ct);
        if (finished)
        {
            // A reply to a finished ticket starts a new one, linked to it.
            var followUp = await RaiseAsync(email, sender, raiseFor!, now, ct);
            followUp.MarkAsFollowUpOf(ticket!, now);
            return await NewTicketAsync(followUp, email, sender, message, now, ct);
        }
        if (ticket is null)
        {
            var raised = await RaiseAsync(email, sender, raiseFor!, now, ct);
            return await NewTicketAsync(raised, email, sender, message, now, ct);
        }

        var staff = sender.IsSharedIct;
        var text = string.IsNullOrWhiteSpace(email.NewText) ? "(The email had no text.)" : email.NewText.Trim();
        if (ticket.PendingApproval is { } step && Approvals.ApprovalRules.TryReadReply(text, out var approve, out var reason)
            && DecideByEmail(ticket, step, sender, email, approve, reason, now))
        {
            message.Appended(ticket);
            return await SaveAsync(ticket, message, now, acknowledge: false, ct);
        }
        if (ticket.Status == TicketStatus.Resolved && !staff)
            ticket.Reopen(Truncate(text, TextRules.ReasonMax), sender, now);
        else
            ticket.Comment(sender, Truncate(text, TextRules.CommentMax), isInternal: false, authorIsStaff: staff, now);
        await AddParticipantsAsync(ticket, email, sender, now, ct);
        Attach(ticket, email, sender, now);
        message.Appended(ticket);
        return await SaveAsync(ticket, message, now, acknowledge: false, ct);
    }

    /// <summary>
    /// The ticket this email answers: a Message-ID the desk sent or received, else a [SD-…] tag in the
    /// subject. Either way only the requester, a participant, desk staff or the person who may decide
    /// its waiting approval may add to it; for anyone else the ticket is returned as refused.
    /// </summary>
    private async Task<(Ticket? Ticket, Ticket? Refused)> ThreadAsync(InboundEmail email, Person sender, CancellationToken ct)
    {
        long? ticketId = null;
        if (email.References.Count > 0)
        {
            var references = email.References.ToList();
            ticketId = await db.Notifications.AsNoTracking()
                .Where(n => n.MessageId != null && references.Contains(n.MessageId) && n.TicketId != null)
                .Select(n => n.TicketId).FirstOrDefaultAsync(ct)
                ?? await db.InboundMessages.AsNoTracking()
                .Where(m => references.Contains(m.MessageId) && m.TicketId != null)
                .Select(m => m.TicketId).FirstOrDefaultAsync(ct);
        }
        if (ticketId is null && SubjectTag().Match(email.Subject) is { Success: true } tag && TicketReference.TryParse(tag.Groups[1].Value, out var tagged))
            ticketId = tagged;
        if (ticketId is null) return (null, null);

        var ticket = await db.Tickets.Include(t => t.Participants).Include(t => t.Clocks).Include(t => t.Requester)
            .FirstOrDefaultAsync(t => t.Id == ticketId, ct);
        if (ticket is null) return (null, null);
        var mayAdd = ticket.IsRequesterOrParticipant(sender.Id) || sender.IsSharedIct || ticket.MayDecide(sender);
        return mayAdd ? (ticket, null) : (null, ticket);
    }

    private async Task<Ticket> RaiseAsync(InboundEmail email, Person sender, Council council, DateTime now, CancellationToken ct)
    {
        var service = await db.Services.Include(s => s.Routes).FirstOrDefaultAsync(s => s.Name == DefaultService, ct)
            ?? await db.Services.Include(s => s.Routes).OrderBy(s => s.Id).FirstAsync(ct);
        if (sender.IsSharedIct) throw new InvalidOperationException("Shared ICT staff cannot raise a ticket by email.");
        var title = ReplyPrefixes().Replace(SubjectTag().Replace(email.Subject, ""), "").Trim();
        var description = string.IsNullOrWhiteSpace(email.NewText) ? email.FullText : email.NewText;
        var ticket = Ticket.Raise(TicketType.Incident,
            Truncate(title.Length == 0 ? "(no subject)" : title, TextRules.TitleMax),
            Truncate(string.IsNullOrWhiteSpace(description) ? "(The email had no text.)" : description.Trim(), TextRules.DescriptionMax),
            sender, council, service, await db.RoutedGroupAsync(service, council, ct), null, Impact.Medium, Urgency.Low, Channel.Email, Actor.Of(sender), now);
        db.Tickets.Add(ticket);
        return ticket;
    }

    private async Task<IngestOutcome> NewTicketAsync(Ticket ticket, InboundEmail email, Person sender, InboundMessage message, DateTime now, CancellationToken ct)
    {
        await AddParticipantsAsync(ticket, email, sender, now, ct);
        Attach(ticket, email, sender, now);
        message.Ticketed(ticket);
        return await SaveAsync(ticket, message, now, acknowledge: true, ct);
    }

    private async Task<IngestOutcome> SaveAsync(Ticket ticket, InboundMessage message, DateTime now, bool acknowledge, CancellationToken ct)
    {
        db.InboundMessages.Add(message);
        await clocks.KeepAsync(ticket, now, ct);
        await mail.SaveWithMailAsync(ticket, now, ct, acknowledge, answering: message.MessageId);
        return new IngestOutcome(message.Status, ticket.Reference, Duplicate: false);
    }

    private async Task<IngestOutcome> UnmatchedAsync(InboundMessage message, string reason, CancellationToken ct)
    {
        message.Unmatched(reason);
        db.InboundMessages.Add(message);
        await db.SaveChangesAsync(ct);
        return new IngestOutcome(InboundStatus.Unmatched, null, Duplicate: false);
    }

    /// <summary>Automatic mail that answers no ticket: kept in its own list, never answered.</summary>
    private async Task<IngestOutcome> AutomaticAsync(InboundMessage message, string reason, CancellationToken ct)
    {
        message.Automatic(reason);
        db.InboundMessages.Add(message);
        await db.SaveChangesAsync(ct);
        return new IngestOutcome(InboundStatus.Automatic, null, Duplicate: false);
    }

    /// <summary>A delivery report about mail the desk sent is noted on that ticket; the desk never answers it.</summary>
    private async Task<IngestOutcome> RecordBounceAsync(InboundEmail email, InboundMessage message, DateTime now, CancellationToken ct)
    {
        var sent = email.BouncedMessageId is null ? null : await db.Notifications.AsNoTracking()
            .Where(n => n.MessageId == email.BouncedMessageId && n.TicketId != null)
            .Select(n => new { n.TicketId, n.RecipientEmail }).FirstOrDefaultAsync(ct);
        if (sent is null)
            return await AutomaticAsync(message, "A delivery report about mail the desk cannot match.", ct);
        var ticket = await db.Tickets.Include(t => t.Clocks).FirstAsync(t => t.Id == sent.TicketId, ct);
        var note = $"Mail to {sent.RecipientEmail} could not be delivered ({email.Subject}).";
        ticket.RecordSystemNote("Bounce", note, now);
        message.Bounced(ticket, note);
        db.InboundMessages.Add(message);
        await clocks.KeepAsync(ticket, now, ct);
        await db.SaveChangesAsync(ct);
        return new IngestOutcome(InboundStatus.Bounce, ticket.Reference, Duplicate: false);
    }

    [GeneratedRegex(@"\(key\s+([A-Za-z0-9]{4}-[A-Za-z0-9]{4})\)")]
    private static partial Regex ApprovalKey();

    /// <summary>
    /// An emailed APPROVE or REJECT decides the waiting step only when it comes from the address of someone
    /// who may decide it, quotes the step's current key (from the approval email's subject) and, where a
    /// trusted mail server checked it, passed DMARC or DKIM for the sender's domain. Otherwise it is noted on
    /// the ticket, decides nothing, and is kept as an ordinary reply (false), so nothing they wrote is lost;
    /// an approver whose decision did not count is asked to decide on the Approvals page.
    /// </summary>
    private bool DecideByEmail(Ticket ticket, TicketApproval step, Person sender, InboundEmail email, bool approve, string? reason, DateTime now)
    {
        var word = approve ? "APPROVE" : "REJECT";
        if (!ticket.MayDecide(sender))
        {
            ticket.RecordSystemNote("Approval refused",
                $"{sender.Email} replied {word}, but only {(step.Stage == ApprovalStage.Council ? "the council's approver" : "a service manager")} " +
                $"can decide the {TicketApproval.Describe(step.Stage)}; nothing was decided.", now);
            return false;
        }
        var key = ApprovalKey().Match(email.Subject) is { Success: true } m ? m.Groups[1].Value : null;
        if (!step.AcceptsEmailKey(key, now))
            return RefuseEmailedDecision(ticket, sender, word, key is null
                ? "the reply did not carry the approval email's key (keep the subject of the approval email when replying)."
                : "the key in the reply is not this approval's current key, or it has expired.", now);
        if (!AuthenticatedAs(email, sender))
            return RefuseEmailedDecision(ticket, sender, word,
                $"the council's mail server did not confirm (DMARC or DKIM) that the mail came from {sender.Email[(sender.Email.IndexOf('@') + 1)..]}.", now);
        if (!approve && reason is null)
        {
            ticket.RecordSystemNote("Approval refused", $"{sender.Email} replied REJECT without a reason; nothing was decided.", now);
            return false;
        }
        ticket.DecideApproval(step, approve, reason, sender, byEmail: true, now);
        return true;
    }

    private bool RefuseEmailedDecision(Ticket ticket, Person sender, string word, string why, DateTime now)
    {
        ticket.RecordSystemNote("Approval refused", $"{sender.Email} replied {word}, but {why} Nothing was decided.", now);
        mail.AskToDecideOnPortal(ticket, sender, why, now);
        return false;
    }

    /// <summary>
    /// Where a trusted mail server (a configured authserv-id) added Authentication-Results, a DMARC or DKIM
    /// pass for the sender's domain; with no such header there is nothing to check.
    /// </summary>
    private bool AuthenticatedAs(InboundEmail email, Person sender)
    {
        var trusted = options.Value.TrustedAuthservIds;
        var checkedHere = email.Authentication.Where(a => trusted.Contains(a.AuthservId, StringComparer.OrdinalIgnoreCase)).ToList();
        if (checkedHere.Count == 0) return true;
        var domain = sender.Email[(sender.Email.IndexOf('@') + 1)..];
        return checkedHere.Any(a => (a.Method.Equals("dmarc", StringComparison.OrdinalIgnoreCase) || a.Method.Equals("dkim", StringComparison.OrdinalIgnoreCase))
            && a.Result.Equals("pass", StringComparison.OrdinalIgnoreCase)
            && a.Domain is { } d && (d.Equals(domain, StringComparison.OrdinalIgnoreCase) || domain.EndsWith("." + d, StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>People of the ticket's council copied on the email follow the ticket.</summary>
    private async Task AddParticipantsAsync(Ticket ticket, InboundEmail email, Person sender, DateTime now, CancellationToken ct)
    {
        var desk = options.Value.DeskAddress.ToLowerInvariant();
        var copied = email.To.Concat(email.Cc).Select(a => a.ToLowerInvariant())
            .Where(a => a != desk && a != sender.Email).Distinct().ToList();
        if (copied.Count == 0) return;
        var people = await db.People.Include(p => p.Memberships).Where(p => copied.Contains(p.Email)).ToListAsync(ct);
        foreach (var person in people.Where(p => p.BelongsTo(ticket.CouncilId)))
            ticket.AddParticipant(person, Actor.Of(sender), now);
    }

    /// <summary>Keeps attachments within the limits; refused ones (too large, executable) are noted on the ticket.</summary>
    private void Attach(Ticket ticket, InboundEmail email, Person sender, DateTime now)
    {
        foreach (var file in email.Attachments)
        {
            if (options.Value.RefusalOf(file.FileName, file.Size) is { } refusal)
                ticket.RecordSystemNote("Attachment refused", refusal, now);
            else
                ticket.Attach(file.FileName, file.ContentType, file.Content, file.Inline, Actor.Of(sender), now);
        }
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];
}
