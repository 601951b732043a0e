using ServiceDesk.Core.Domain.Calendars;

namespace ServiceDesk.Core.Domain.Tickets;

/// <summary>
/// An incident or service request, owned from logging to closure. Every state change goes
/// through a method here, which enforces the lifecycle, bumps the version (the ETag) and
/// appends to the history.
/// </summary>
public sealed partial class Ticket : AggregateRoot
{
    /// <summary>Business days a requester has to confirm or reopen a resolution before it closes by itself.</summary>
    public const int ReopenWindowBusinessDays = 5;

    private Ticket() { }

    public long Id { get; private set; }
    public string Reference => TicketReference.Format(Id);
    public TicketType Type { get; private set; }
    public string Title { get; private set; } = "";
    public string Description { get; private set; } = "";
    public int RequesterId { get; private set; }
    public Person? Requester { get; private set; }
    public int CouncilId { get; private set; }
    public Council? Council { get; private set; }
    public int ServiceId { get; private set; }
    public CatalogueService? Service { get; private set; }
    public int? CategoryId { get; private set; }
    public Category? Category { get; private set; }
    public Impact Impact { get; private set; }
    public Urgency Urgency { get; private set; }
    public Priority Priority { get; private set; }
    public TicketStatus Status { get; private set; }
    public Channel Channel { get; private set; }

    /// <summary>The desk agent accountable for the ticket until it closes.</summary>
    public int? OwnerId { get; private set; }
    public Person? Owner { get; private set; }
    public int? ResolverGroupId { get; private set; }
    public ResolverGroup? ResolverGroup { get; private set; }
    public int? AssigneeId { get; private set; }
    public Person? Assignee { get; private set; }

    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public DateTime? FirstRespondedAt { get; private set; }
    public DateTime? ResolvedAt { get; private set; }
    public string? Resolution { get; private set; }

    /// <summary>Until when the requester may reopen a resolved ticket; after it the ticket closes by itself.</summary>
    public DateTime? ReopenUntil { get; private set; }
    public DateTime? ClosedAt { get; private set; }
    public int ReopenCount { get; private set; }

    /// <summary>Incremented on every change; the API's ETag and the optimistic concurrency token.</summary>
    public int Version { get; private set; }

    public List<TicketComment> Comments { get; private set; } = [];
    public List<TicketHistoryEntry> History { get; private set; } = [];
    public List<TicketParticipant> Participants { get; private set; } = [];
    public List<TicketAttachment> Attachments { get; private set; } = [];

    /// <summary>
    /// Whether the ticket still needs work (not resolved or closed). Kept as a column, in step with the
    /// status, so every queue's index starts with it and skips the closed history in one step.
    /// </summary>
    public bool IsOpen { get; private set; }

    /// <summary>
    /// Logs a new ticket, routed to the service's resolver group for the requester's council
    /// (<paramref name="routedTo"/>, which the caller loads as <see cref="CatalogueService.ResolverGroupFor"/> names it).
    /// </summary>
    public static Ticket Raise(
        TicketType type, string title, string description, Person requester, Council council,
        CatalogueService service, ResolverGroup routedTo, Category? category, Impact impact, Urgency urgency,
        Channel channel, Actor loggedBy, DateTime now, int quantity = 1)
    {
        if (routedTo.Id != service.ResolverGroupFor(council.Id))
            throw new InvalidOperationException($"{service.Name} routes {council.Name}'s tickets to group {service.ResolverGroupFor(council.Id)}, not {routedTo.Name}.");
        if (!requester.BelongsTo(council.Id))
            throw new FieldException("council", $"{requester.DisplayName} does not work for {council.Name}.");
        if (category is not null && category.ServiceId != service.Id)
            throw new FieldException("categoryId", $"Category '{category.Name}' does not belong to service '{service.Name}'.");
        if (!service.Active)
            throw new FieldException("serviceId", $"Service '{service.Name}' is withdrawn from the catalogue.");

        var ticket = new Ticket
        {
            Type = type,
            Title = title.Trim(),
            Description = description.Trim(),
            RequesterId = requester.Id,
            Requester = requester,
            CouncilId = council.Id,
            Council = council,
            ServiceId = service.Id,
            Service = service,
            CategoryId = category?.Id,
            Category = category,
            Impact = impact,
            Urgency = urgency,
            Priority = PriorityMatrix.For(impact, urgency),
            Status = TicketStatus.New,
            IsOpen = true,
            Channel = channel,
            ResolverGroupId = routedTo.Id,
            ResolverGroup = routedTo,
            GroupAssignedAt = now,
            // A priced request's clocks start when it is approved; everything else's at once.
            ClocksStartAt = type == TicketType.ServiceRequest && service.RequiresApproval ? null : now,
            CreatedAt = now,
            UpdatedAt = now,
            Version = 1,
        };
        ticket.RequestApprovals(service, quantity, now);
        ticket.Record(now, loggedBy, "Raised", null, $"{type} {ticket.Priority} via {channel}");
        // The desk routes a new ticket, whoever logged it.
        ticket.Record(now, Actor.System, "Resolver group", null, $"{routedTo.Name} (routed by service and council)");
        ticket.AddDomainEvent(new TicketChanged(ticket, "Raised", loggedBy.PersonId));
        return ticket;
    }

    /// <summary>A desk agent takes ownership; a new ticket becomes Assigned.</summary>
    public void Take(Person agent, DateTime now)
    {
        EnsureNotFinished("take");
        if (!agent.Has(PersonRoles.Agent))
            throw new ForbiddenException("Only service-desk agents can own tickets.");
        if (OwnerId == agent.Id)
            throw new ConflictException($"{Reference} is already owned by {agent.DisplayName}.");
        var actor = Actor.Of(agent);
        Record(now, actor, "Owner", Owner?.DisplayName, agent.DisplayName);
        OwnerId = agent.Id;
        Owner = agent;
        AcceptedAt ??= now;
        if (Status == TicketStatus.New) MoveTo(TicketStatus.Assigned, actor, now);
        Changed(now, actor, "Taken");
    }

    /// <summary>Assigns to a resolver group and, optionally, one of its members.</summary>
    public void Assign(ResolverGroup group, Person? assignee, Person by, DateTime now)
    {
        EnsureNotFinished("assign");
        if (group.CouncilId is int owner && owner != CouncilId)
            throw new FieldException("resolverGroupId", $"Resolver group '{group.Name}' serves another council.");
        if (assignee is not null && !group.HasMember(assignee.Id))
            throw new FieldException("assigneeEmail", $"{assignee.DisplayName} is not a member of '{group.Name}'.");
        if (ResolverGroupId == group.Id && AssigneeId == assignee?.Id)
            throw new ConflictException($"{Reference} is already assigned to '{group.Name}'{(assignee is null ? "" : $" ({assignee.DisplayName})")}.");

        var actor = Actor.Of(by);
        if (ResolverGroupId != group.Id)
        {
            Record(now, actor, "Resolver group", ResolverGroup?.Name ?? (ResolverGroupId is null ? null : $"#{ResolverGroupId}"), group.Name);
            // A new assignment: the group's OLA is measured from now.
            GroupAssignedAt = now;
            if (ResolverGroupId is not null) Reassigned = true;
            GroupWorkedAt = null;
        }
        if (AssigneeId != assignee?.Id)
            Record(now, actor, "Assignee", Assignee?.DisplayName, assignee?.DisplayName);
        ResolverGroupId = group.Id;
        ResolverGroup = group;
        AssigneeId = assignee?.Id;
        Assignee = assignee;

        // The desk agent who first handles an unowned ticket becomes accountable for it.
        if (OwnerId is null && by.Has(PersonRoles.Agent))
        {
            Record(now, actor, "Owner", null, by.DisplayName);
            OwnerId = by.Id;
            Owner = by;
            AcceptedAt ??= now;
        }
        if (Status is TicketStatus.New or TicketStatus.InProgress) MoveTo(TicketStatus.Assigned, actor, now);
        Changed(now, actor, "Assigned");
    }

    /// <summary>Adds a public reply or an internal note.</summary>
    public TicketComment Comment(Person author, string body, bool isInternal, bool authorIsStaff, DateTime now)
    {
        if (Status == TicketStatus.Closed)
            throw new ConflictException($"{Reference} is closed and takes no more replies; raise a new ticket and mention {Reference}.");
        if (isInternal && !authorIsStaff)
            throw new ForbiddenException("Only desk staff can add internal notes.");

        var comment = new TicketComment(author.Id, body.Trim(), isInternal, now);
        Comments.Add(comment);
        var actor = Actor.Of(author);
        Record(now, actor, isInternal ? "Internal note" : "Reply", null, null);

        if (!isInternal && authorIsStaff && FirstRespondedAt is null)
            FirstRespondedAt = now;
        if (!isInternal && authorIsStaff) StaffReplies++;
        if (authorIsStaff) GroupWorkedAt ??= now;
        // The requester's answer hands the ticket back to the desk.
        if (!isInternal && !authorIsStaff && Status == TicketStatus.AwaitingCustomer)
            MoveTo(TicketStatus.InProgress, actor, now);
        Changed(now, actor, isInternal ? "Internal note" : "Reply", comment);
        return comment;
    }

    /// <summary>Recomputes priority from a new impact and urgency.</summary>
    public void Reprioritise(Impact impact, Urgency urgency, Actor actor, DateTime now)
    {
        EnsureNotFinished("reprioritise");
        var priority = PriorityMatrix.For(impact, urgency);
        if (impact == Impact && urgency == Urgency)
            throw new ConflictException($"{Reference} already has impact {impact} and urgency {urgency}.");
        Record(now, actor, "Priority", $"{Priority} ({Impact}/{Urgency})", $"{priority} ({impact}/{urgency})");
        Impact = impact;
        Urgency = urgency;
        Priority = priority;
        Changed(now, actor, "Priority");
    }

    /// <summary>Moves the ticket along the lifecycle; resolving needs a resolution note.</summary>
    public void ChangeStatus(TicketStatus to, string? resolution, Actor actor, BusinessCalendar calendar, DateTime now)
    {
        if (to == Status)
            throw new ConflictException($"{Reference} is already {TicketLifecycle.Describe(Status)}.");
        EnsureCanMove(to);
        GroupWorkedAt ??= now;
        switch (to)
        {
            case TicketStatus.Resolved:
                Resolve(resolution, actor, calendar, now);
                return;
            case TicketStatus.Closed:
                Close(actor, now);
                return;
            case TicketStatus.Assigned when ResolverGroupId is null:
                throw new ConflictException($"{Reference} has no resolver group; assign it to one first.");
        }
        if (Status == TicketStatus.Resolved) ClearResolution(actor, now);
        MoveTo(to, actor, now);
        Changed(now, actor, "Status");
    }

    /// <summary>Resolves with a note; the requester then has five business days to confirm or reopen.</summary>
    public void Resolve(string? resolution, Actor actor, BusinessCalendar calendar, DateTime now)
    {
        if (string.IsNullOrWhiteSpace(resolution))
            throw new FieldException("resolution", "Say how the ticket was resolved: a resolution note is required.");
        EnsureCanMove(TicketStatus.Resolved);
        Resolution = resolution.Trim();
        ResolvedAt = now;
        DecideFirstContact();
        ReopenUntil = calendar.AddBusinessDays(now, ReopenWindowBusinessDays);
        Record(now, actor, "Resolution", null, Resolution);
        MoveTo(TicketStatus.Resolved, actor, now);
        Changed(now, actor, "Resolved");
    }

    /// <summary>
    /// Resolves the incident because its problem is resolved: one public reply to the requester, which
    /// is also the resolution note, so the requester hears once (the "resolved" email carries it).
    /// </summary>
    public void ResolveWithProblem(string problemReference, string reply, Person by, BusinessCalendar calendar, DateTime now)
    {
        EnsureCanMove(TicketStatus.Resolved);
        var actor = Actor.Of(by);
        var text = reply.Trim();
        Comments.Add(new TicketComment(by.Id, text, false, now));
        Record(now, actor, "Reply", null, null);
        StaffReplies++;
        FirstRespondedAt ??= now;
        GroupWorkedAt ??= now;
        Record(now, actor, "Resolved with problem", null, problemReference);
        Resolve(text, actor, calendar, now);
    }

    /// <summary>History entries that name a problem, shown only to shared ICT staff.</summary>
    public static readonly IReadOnlyList<string> ProblemChanges = ["Problem", "Resolved with problem"];

    /// <summary>Records that the incident was linked to, or unlinked from, a problem.</summary>
    public void RecordProblemLink(string problemReference, bool linked, Actor actor, DateTime now)
    {
        Record(now, actor, "Problem", linked ? null : problemReference, linked ? problemReference : null);
        Changed(now, actor, "Problem");
    }

    /// <summary>The requester (or the desk) reopens a resolution within the window.</summary>
    public void Reopen(string reason, Person by, DateTime now)
    {
        if (Status != TicketStatus.Resolved)
            throw new ConflictException($"Only a resolved ticket can be reopened; {Reference} is {TicketLifecycle.Describe(Status)}.");
        if (ReopenUntil is DateTime until && now > until)
            throw new ConflictException($"The window to reopen {Reference} ended at {until:yyyy-MM-dd HH:mm} UTC; raise a new ticket and mention {Reference}.");
        var actor = Actor.Of(by);
        Comments.Add(new TicketComment(by.Id, $"Reopened: {reason.Trim()}", false, now));
        ReopenCount++;
        Record(now, actor, "Reopened", null, reason.Trim());
        ClearResolution(actor, now);
        MoveTo(TicketStatus.InProgress, actor, now);
        Changed(now, actor, "Reopened");
    }

    /// <summary>Closes a resolved ticket: the requester confirms, or the desk closes it.</summary>
    public void Close(Actor actor, DateTime now)
    {
        if (Status != TicketStatus.Resolved)
            throw new ConflictException($"Only a resolved ticket can be closed; {Reference} is {TicketLifecycle.Describe(Status)}.");
        ClosedAt = now;
        ReopenUntil = null;
        MoveTo(TicketStatus.Closed, actor, now);
        Changed(now, actor, "Closed");
    }

    /// <summary>Closes the ticket if its reopen window has passed; true if it did.</summary>
    public bool CloseIfReopenWindowPassed(DateTime now)
    {
        if (Status != TicketStatus.Resolved || ReopenUntil is not DateTime until || now < until) return false;
        Close(Actor.System, now);
        return true;
    }

    /// <summary>Adds a follower who may read and reply; they must work for the ticket's council.</summary>
    public void AddParticipant(Person person, Actor actor, DateTime now)
    {
        if (person.Id == RequesterId || Participants.Any(p => p.PersonId == person.Id)) return;
        if (!person.BelongsTo(CouncilId))
            throw new FieldException("participantEmail", $"{person.DisplayName} does not work for this ticket's council.");
        Participants.Add(new TicketParticipant(person.Id));
        Record(now, actor, "Participant", null, person.DisplayName);
        Changed(now, actor, "Participant");
    }

    public bool IsRequesterOrParticipant(int personId) =>
        RequesterId == personId || Participants.Any(p => p.PersonId == personId);

    /// <summary>Whether a request made against <paramref name="expected"/> (the caller's If-Match) is too late: the ticket changed since.</summary>
    public bool IsStale(int? expected) => expected is int v && v != Version;

    private void EnsureNotFinished(string action)
    {
        EnsureApproved(action);
        if (Status is TicketStatus.Resolved or TicketStatus.Closed)
            throw new ConflictException($"Cannot {action} {Reference}: it is {TicketLifecycle.Describe(Status)}.");
    }

    private void EnsureCanMove(TicketStatus to)
    {
        EnsureApproved("change the status of");
        if (!TicketLifecycle.CanMove(Status, to))
        {
            var allowed = TicketLifecycle.NextFrom(Status);
            throw new ConflictException(
                $"{Reference} cannot move from {TicketLifecycle.Describe(Status)} to {TicketLifecycle.Describe(to)}; " +
                (allowed.Count == 0 ? "a closed ticket is final." : $"from {TicketLifecycle.Describe(Status)} it can move to {string.Join(", ", allowed.Select(TicketLifecycle.Describe))}."));
        }
    }

    private void ClearResolution(Actor actor, DateTime now)
    {
        ResolvedAt = null;
        ReopenUntil = null;
        ResolvedOnFirstContact = false;
        FirstContactMarked = false;
        Record(now, actor, "Resolution", Resolution, null);
        Resolution = null;
    }

    private void MoveTo(TicketStatus to, Actor actor, DateTime now)
    {
        Record(now, actor, "Status", TicketLifecycle.Describe(Status), TicketLifecycle.Describe(to));
        if (to == TicketStatus.AwaitingCustomer) AwaitedCustomer = true;
        Status = to;
        IsOpen = TicketLifecycle.IsOpen(to);
    }

    private void Record(DateTime now, Actor actor, string change, string? from, string? to) =>
        History.Add(new TicketHistoryEntry(now, actor.PersonId, actor.Name, change, from, to));

    private void Changed(DateTime now, Actor actor, string change, TicketComment? comment = null)
    {
        UpdatedAt = now;
        Version++;
        AddDomainEvent(new TicketChanged(this, change, actor.PersonId, comment));
    }

    /// <summary>The ticket this one follows up (a reply to a closed ticket starts a new one linked to it).</summary>
    public long? FollowsUpId { get; private set; }

    public void MarkAsFollowUpOf(Ticket closed, DateTime now)
    {
        FollowsUpId = closed.Id;
        Record(now, Actor.System, "Follow-up of", null, closed.Reference);
    }

    /// <summary>Keeps a file sent with the ticket (size and type limits are the caller's to apply).</summary>
    public TicketAttachment Attach(string fileName, string contentType, byte[] content, bool inline, Actor by, DateTime now)
    {
        var attachment = new TicketAttachment(fileName, contentType, content, inline, by.PersonId, now);
        Attachments.Add(attachment);
        Record(now, by, "Attachment", null, $"{attachment.FileName} ({attachment.Size:N0} bytes)");
        return attachment;
    }

    /// <summary>Records something the desk itself noticed (a bounce, a refused attachment, an automatic reply).</summary>
    public void RecordSystemNote(string change, string note, DateTime now)
    {
        Record(now, Actor.System, change, null, note.Length > 2000 ? note[..2000] : note);
        Changed(now, Actor.System, change);
    }
}
