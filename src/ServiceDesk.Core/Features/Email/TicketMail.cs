using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ServiceDesk.Core.Abstractions;
using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Domain.Email;
using ServiceDesk.Core.Domain.Notifications;
using ServiceDesk.Core.Domain.Tickets;

namespace ServiceDesk.Core.Features.Email;

/// <summary>
/// Writes the emails that tell requesters and participants what happened to their ticket, into the
/// outbox, in the same transaction as the change: logged (an acknowledgement), a public reply from
/// the desk, awaiting your reply, resolved (with one-click rating links for the requester), and, unless
/// the person turned them off (<see cref="OptionalMail"/>), assignment to another resolver group, a
/// priority change and closure. Internal notes never leave the desk. Every message names the council
/// and the ticket and says how to reply.
/// </summary>
public sealed class TicketMail(IServiceDeskDb db, IOptions<EmailOptions> options, Satisfaction.IRatingLinks ratingLinks,
    IOptions<Accounts.AccountOptions> accounts)
{
    public const string Acknowledgement = "acknowledgement";
    public const string Reply = "reply";
    public const string AwaitingReply = "awaiting-reply";
    public const string Resolved = "resolved";
    public const string Assigned = "assigned";
    public const string PriorityChanged = "priority-changed";
    public const string Closed = "closed";
    public const string ApprovalRequest = "approval-request";
    public const string ApprovalOutcome = "approval-outcome";

    /// <summary>
    /// Saves the ticket's changes and writes their mail to the outbox, in one transaction: the ticket
    /// is saved first so that a new one has its reference for the mail. <paramref name="acknowledge"/>
    /// is false for mail that must never be answered.
    /// </summary>
    public Task SaveWithMailAsync(Ticket ticket, DateTime now, CancellationToken ct, bool acknowledge = true, string? answering = null)
    {
        var changes = ticket.DomainEvents.OfType<TicketChanged>().ToList();
        return db.InTransactionAsync(async () =>
        {
            await db.SaveChangesAsync(ct);
            await ComposeAsync(ticket, changes, now, ct, acknowledge, answering);
            await db.SaveChangesAsync(ct);
        }, ct);
    }

    /// <summary>
    /// Saves several tickets one action changed (a merge, a major incident's update or resolution) and
    /// writes each one's mail to the outbox, in one transaction.
    /// </summary>
    public Task SaveWithMailAsync(IReadOnlyList<Ticket> tickets, DateTime now, CancellationToken ct)
    {
        var changes = tickets.Select(t => (Ticket: t, Changes: t.DomainEvents.OfType<TicketChanged>().ToList())).ToList();
        return db.InTransactionAsync(async () =>
        {
            await db.SaveChangesAsync(ct);
            foreach (var (ticket, changed) in changes) await ComposeAsync(ticket, changed, now, ct, acknowledge: false, answering: null);
            await db.SaveChangesAsync(ct);
        }, ct);
    }

    private async Task ComposeAsync(Ticket ticket, IReadOnlyList<TicketChanged> changes, DateTime now, CancellationToken ct, bool acknowledge, string? answering)
    {
        if (changes.Count == 0) return;
        var council = ticket.Council?.Name ?? await db.Councils.AsNoTracking().Where(c => c.Id == ticket.CouncilId).Select(c => c.Name).FirstAsync(ct);
        // A ticket raised in this save has had no mail yet but the message it was raised from, if any (answering).
        var inReplyTo = answering ?? (changes.Any(c => c.Change == "Raised") ? null : await LastInboundMessageIdAsync(ticket, ct));
        var replied = false;
        foreach (var change in changes)
        {
            switch (change.Change)
            {
                case "Raised" when acknowledge:
                    await AcknowledgeAsync(ticket, council, inReplyTo, now, ct);
                    await AskForApprovalAsync(ticket, council, now, ct);
                    break;
                case "Approval step":
                    await ToFollowersAsync(ticket, ApprovalOutcome, $"[{ticket.Reference}] Approved by your council: {ticket.Title}",
                        $"{council}'s approver approved {ticket.Reference} (\"{ticket.Title}\"). As bespoke work it now has a standards check " +
                        "by the shared ICT service; you will hear the outcome.\n\n" + HowToReply(ticket), inReplyTo, now, autoSubmitted: true, ct);
                    await AskForApprovalAsync(ticket, council, now, ct);
                    break;
                case "Approved":
                    var conditions = ticket.Approvals.Where(a => a.Reason is not null).Select(a => $"Conditions: {a.Reason}\n").FirstOrDefault() ?? "";
                    await ToFollowersAsync(ticket, ApprovalOutcome, $"[{ticket.Reference}] Approved: {ticket.Title}",
                        $"{ticket.Reference} (\"{ticket.Title}\") for {council} is approved; the shared ICT service desk will now fulfil it.\n" +
                        conditions + "\n" + HowToReply(ticket), inReplyTo, now, autoSubmitted: true, ct);
                    break;
                case "Rejected":
                    var rejected = ticket.Approvals.First(a => a.Status == ApprovalStatus.Rejected);
                    await ToFollowersAsync(ticket, ApprovalOutcome, $"[{ticket.Reference}] Not approved: {ticket.Title}",
                        $"{ticket.Reference} (\"{ticket.Title}\") for {council} was not approved by {rejected.DecidedByName} " +
                        $"({TicketApproval.Describe(rejected.Stage)}):\n\n{rejected.Reason}\n\n" +
                        "The request is closed. Raise a new request if things change.\n\n-- \nShared ICT Service Desk", inReplyTo, now, autoSubmitted: true, ct);
                    break;
                case "Reply" when change.Comment is { IsInternal: false } comment && !ticket.IsRequesterOrParticipant(comment.AuthorId):
                    replied = true;
                    var author = await db.People.AsNoTracking().Where(p => p.Id == comment.AuthorId).Select(p => p.DisplayName).FirstAsync(ct);
                    await ToFollowersAsync(ticket, Reply, $"[{ticket.Reference}] {ticket.Title}",
                        $"{author} of the shared ICT service desk replied on {ticket.Reference} (\"{ticket.Title}\") for {council}:\n\n" +
                        $"{comment.Body}\n\n" + HowToReply(ticket), inReplyTo, now, autoSubmitted: false, ct);
                    break;
                case "Status" when ticket.Status == TicketStatus.AwaitingCustomer && !replied:
                    await ToFollowersAsync(ticket, AwaitingReply, $"[{ticket.Reference}] Waiting for your reply: {ticket.Title}",
                        $"The shared ICT service desk is waiting for your reply on {ticket.Reference} (\"{ticket.Title}\") for {council}.\n" +
                        "The ticket's clock is paused until you answer.\n\n" + HowToReply(ticket), inReplyTo, now, autoSubmitted: true, ct);
                    break;
                case "Resolved":
                    var ratingUntil = now + options.Value.RatingLinkLifetime;
                    var rateWith = ratingLinks.Issue(ticket.Id, ticket.RequesterId, now, ratingUntil);
                    await ToFollowersAsync(ticket, Resolved, $"[{ticket.Reference}] Resolved: {ticket.Title}",
                        $"{ticket.Reference} (\"{ticket.Title}\") for {council} has been resolved:\n\n{ticket.Resolution}\n\n" +
                        $"If it is not fixed, reply to this email by {ticket.ReopenUntil:dddd d MMMM yyyy HH:mm} UTC saying what is still wrong, " +
                        "and the ticket will reopen. Otherwise it will close by itself.\n\n" +
                        $"Keep [{ticket.Reference}] in the subject of any reply.", inReplyTo, now, autoSubmitted: true, ct,
                        person => person.Id == ticket.RequesterId ? RatingInvitation(rateWith, ratingUntil) : "");
                    break;
                case "Assigned" when GroupAssignedIn(ticket) is { } group:
                    await ToFollowersAsync(ticket, Assigned, $"[{ticket.Reference}] Passed to {group}: {ticket.Title}",
                        $"{ticket.Reference} (\"{ticket.Title}\") for {council} has been passed to {group}, who will work on it now.\n" +
                        "You do not need to do anything.\n\n" + TurnOffNote + HowToReply(ticket), inReplyTo, now, autoSubmitted: true, ct,
                        optional: OptionalMail.Assigned, actorId: change.ActorId);
                    break;
                case "Priority":
                    var was = ticket.History.LastOrDefault(h => h.Change == "Priority")?.From?.Split(' ')[0];
                    await ToFollowersAsync(ticket, PriorityChanged, $"[{ticket.Reference}] Priority now {ticket.Priority}: {ticket.Title}",
                        $"The priority of {ticket.Reference} (\"{ticket.Title}\") for {council} is now {ticket.Priority}" +
                        (was is null ? "" : $" (it was {was})") + $": impact {ticket.Impact}, urgency {ticket.Urgency}. " +
                        "Its target times follow the new priority.\n\n" + TurnOffNote + HowToReply(ticket), inReplyTo, now, autoSubmitted: true, ct,
                        optional: OptionalMail.PriorityChanged, actorId: change.ActorId);
                    break;
                case "Closed":
                    await ToFollowersAsync(ticket, Closed, $"[{ticket.Reference}] Closed: {ticket.Title}",
                        $"{ticket.Reference} (\"{ticket.Title}\") for {council} is now closed" +
                        (change.ActorId is null ? ", as it was not reopened after it was resolved" : "") + ".\n" +
                        $"If the problem comes back, raise a new ticket and mention {ticket.Reference}.\n\n" + TurnOffNote + "-- \nShared ICT Service Desk",
                        inReplyTo, now, autoSubmitted: true, ct, optional: OptionalMail.Closed, actorId: change.ActorId);
                    break;
            }
        }
    }

    private async Task AcknowledgeAsync(Ticket ticket, string council, string? inReplyTo, DateTime now, CancellationToken ct)
    {
        var requester = ticket.Requester ?? await db.People.FirstAsync(p => p.Id == ticket.RequesterId, ct);
        var since = now.AddHours(-1);
        var recent = await db.Notifications.CountAsync(n => n.Kind == Acknowledgement && n.RecipientEmail == requester.Email && n.CreatedAt > since, ct)
            + db.Notifications.Local.Count(n => n.Kind == Acknowledgement && n.RecipientEmail == requester.Email && n.Id == 0);
        if (recent >= options.Value.AcknowledgementsPerHour)
        {
            ticket.RecordSystemNote("Acknowledgement withheld",
                $"{requester.Email} has had {recent} acknowledgements in the last hour (the limit is {options.Value.AcknowledgementsPerHour}).", now);
            return;
        }
        var kind = ticket.Type == TicketType.Incident ? "report" : "request";
        db.Notifications.Add(new Notification(Acknowledgement, null, requester.Id, requester.Email,
            $"[{ticket.Reference}] Logged: {ticket.Title}",
            $"Hello {requester.DisplayName.Split(' ')[0]},\n\n" +
            $"We have logged your {kind} for {council} as {ticket.Reference}: \"{ticket.Title}\" (priority {ticket.Priority}).\n" +
            "The shared ICT service desk will be in touch.\n\n" + HowToReply(ticket),
            now, options.Value.NewMessageId(), inReplyTo, autoSubmitted: true).ForTicket(ticket));
    }

    /// <summary>
    /// Asks whoever decides the waiting step (the council's approvers, or the service managers for a
    /// standards check) by email; a reply from their own address starting APPROVE or REJECT decides it.
    /// </summary>
    private async Task AskForApprovalAsync(Ticket ticket, string council, DateTime now, CancellationToken ct)
    {
        if (ticket.PendingApproval is not { } step) return;
        var service = await db.Services.AsNoTracking().Where(s => s.Id == ticket.ServiceId).Select(s => new { s.Name, s.Tier, s.UnitCost }).FirstAsync(ct);
        var requester = ticket.Requester ?? await db.People.AsNoTracking().FirstAsync(p => p.Id == ticket.RequesterId, ct);
        var councilId = ticket.CouncilId;
        var deciders = step.Stage == ApprovalStage.Council
            ? await db.People.AsNoTracking().Include(p => p.Memberships).Where(p => p.Memberships.Any(m => m.CouncilId == councilId)).ToListAsync(ct)
            : await db.People.AsNoTracking().Include(p => p.Memberships).Where(p => p.MainCouncilId == null).ToListAsync(ct);
        var total = service.UnitCost * ticket.Quantity;
        // The key in the subject is what lets a reply decide: a mail merely from the approver's address does not.
        var key = step.IssueEmailKey(now + options.Value.ApprovalKeyLifetime);
        foreach (var person in deciders.Where(p => ticket.MayDecide(p)).OrderBy(p => p.Id))
            db.Notifications.Add(new Notification(ApprovalRequest, null, person.Id, person.Email,
                $"[{ticket.Reference}] Approval needed: {ticket.Title} (key {key})",
                $"Hello {person.DisplayName.Split(' ')[0]},\n\n" +
                $"{requester.DisplayName} of {council} asks for {ticket.Quantity} × {service.Name} ({service.Tier}), " +
                $"£{service.UnitCost:N2} each, £{total:N2} in all, charged to {council}:\n\n\"{ticket.Title}\"\n{ticket.Description}\n\n" +
                $"This needs your {TicketApproval.Describe(step.Stage)}. Reply to this email with APPROVE as the first word to approve it, " +
                "or REJECT followed by the reason to reject it. Only a reply from your own address that keeps this email's subject " +
                $"(with its key, {key}, valid for {options.Value.ApprovalKeyLifetime.TotalDays:N0} days) counts. " +
                "You can also decide on the Approvals page of the service desk.\n\n" +
                $"Keep [{ticket.Reference}] in the subject of any reply.\n\n-- \nShared ICT Service Desk",
                now, options.Value.NewMessageId(), null, autoSubmitted: true).ForTicket(ticket));
    }

    public const string DecideOnPortal = "decide-on-portal";

    /// <summary>An emailed decision that could not count: its sender, who may decide, is asked to decide on the Approvals page.</summary>
    public void AskToDecideOnPortal(Ticket ticket, Person approver, string why, DateTime now) =>
        db.Notifications.Add(new Notification(DecideOnPortal, null, approver.Id, approver.Email,
            $"[{ticket.Reference}] Please decide on the service desk: {ticket.Title}",
            $"Hello {approver.DisplayName.Split(' ')[0]},\n\nAn emailed decision on {ticket.Reference} from your address was not accepted: {why}\n\n" +
            "Nothing was decided. Please decide on the Approvals page of the service desk. If you did not send it, tell the desk.\n\n-- \nShared ICT Service Desk",
            now, options.Value.NewMessageId(), null, autoSubmitted: true).ForTicket(ticket));

    /// <summary>
    /// Writes the message to the requester and each participant. An optional kind skips those who turned
    /// it off, and the person who made the change (they know); <paramref name="extraFor"/> adds a
    /// recipient's own part (the requester's rating links).
    /// </summary>
    private async Task ToFollowersAsync(Ticket ticket, string kind, string subject, string body, string? inReplyTo, DateTime now, bool autoSubmitted,
        CancellationToken ct, Func<Person, string>? extraFor = null, OptionalMail? optional = null, int? actorId = null)
    {
        var ids = ticket.Participants.Select(p => p.PersonId).Append(ticket.RequesterId).Distinct().ToList();
        var people = await db.People.AsNoTracking().Where(p => ids.Contains(p.Id)).ToListAsync(ct);
        foreach (var person in people.OrderBy(p => p.Id != ticket.RequesterId))
        {
            if (optional is { } mail && (!person.Wants(mail) || person.Id == actorId)) continue;
            db.Notifications.Add(new Notification(kind, null, person.Id, person.Email, subject, body + (extraFor?.Invoke(person) ?? ""), now,
                options.Value.NewMessageId(), inReplyTo, autoSubmitted).ForTicket(ticket));
        }
    }

    private const string TurnOffNote = "You can turn off emails like this one under \"Emails we send you\" on the service desk.\n\n";

    /// <summary>The resolver group the ticket was passed to in this change, if it moved to another group (not just another member).</summary>
    private static string? GroupAssignedIn(Ticket ticket) =>
        ticket.History.LastOrDefault(h => h.Change == "Resolver group" && h.At == ticket.UpdatedAt)?.To;

    /// <summary>One link per rating, each opening a page with that rating chosen; nothing is recorded until the button there is pressed.</summary>
    private string RatingInvitation(string token, DateTime until)
    {
        var site = accounts.Value.SiteAddress.TrimEnd('/');
        var lines = Satisfaction.RatingScale.Choices.Reverse().Select(c => $"  {c.Text}: {site}/rate/{token}?rating={c.Rating}");
        return "\n\nHow did we do? Choose one (each link opens a page where you confirm your rating; the links work until " +
            $"{until:d MMMM yyyy}):\n" + string.Join("\n", lines);
    }

    private static string HowToReply(Ticket ticket) =>
        $"To add to this ticket, reply to this email and keep [{ticket.Reference}] in the subject.\n\n-- \nShared ICT Service Desk";

    private async Task<string?> LastInboundMessageIdAsync(Ticket ticket, CancellationToken ct) =>
        ticket.Id == 0 ? null : await db.InboundMessages.AsNoTracking()
            .Where(m => m.TicketId == ticket.Id).OrderByDescending(m => m.ReceivedAt).Select(m => m.MessageId).FirstOrDefaultAsync(ct);
}
