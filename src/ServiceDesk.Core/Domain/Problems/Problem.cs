using ServiceDesk.Core.Domain.Tickets;

namespace ServiceDesk.Core.Domain.Problems;

/// <summary>
/// The unknown cause of one or more incidents. Every change goes through a method here, which
/// enforces the lifecycle (Logged → Under investigation → Known error → Resolved → Closed), bumps
/// the version and appends to the problem's history.
/// </summary>
public sealed class Problem
{
    private Problem() { }

    public long Id { get; private set; }
    public string Reference => ProblemReference.Format(Id);
    public string Title { get; private set; } = "";
    public string Description { get; private set; } = "";
    public Priority Priority { get; private set; }
    public ProblemStatus Status { get; private set; }

    /// <summary>The problem manager accountable for the problem.</summary>
    public int? OwnerId { get; private set; }
    public Person? Owner { get; private set; }

    /// <summary>Narrows a known error to one category of its services; null means every category.</summary>
    public int? CategoryId { get; private set; }
    public Category? Category { get; private set; }

    public string? RootCause { get; private set; }
    public string? Workaround { get; private set; }
    public string? Resolution { get; private set; }

    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    /// <summary>When the known error was (last) published to agents and requesters.</summary>
    public DateTime? KnownErrorPublishedAt { get; private set; }
    public DateTime? ResolvedAt { get; private set; }
    public DateTime? ClosedAt { get; private set; }

    /// <summary>Incremented on every change; the optimistic concurrency token.</summary>
    public int Version { get; private set; }

    public List<ProblemService> Services { get; private set; } = [];
    public List<ProblemIncident> Incidents { get; private set; } = [];
    public List<ProblemHistoryEntry> History { get; private set; } = [];

    public bool IsOpen => ProblemLifecycle.IsOpen(Status);

    /// <summary>Removes a person's name and address from the problem's texts (erasure); its history is redacted entry by entry.</summary>
    public void Redact(Func<string, string> scrub)
    {
        Title = scrub(Title);
        Description = scrub(Description);
        if (RootCause is not null) RootCause = scrub(RootCause);
        if (Workaround is not null) Workaround = scrub(Workaround);
        if (Resolution is not null) Resolution = scrub(Resolution);
    }

    /// <summary>A published known error is what agents and requesters are shown for its services.</summary>
    public bool IsPublishedKnownError => Status == ProblemStatus.KnownError;

    /// <summary>Raises a problem against one or more catalogue services.</summary>
    public static Problem Raise(string title, string description, Priority priority, IEnumerable<CatalogueService> services,
        Person? owner, Actor raisedBy, DateTime now)
    {
        var problem = new Problem
        {
            Title = title.Trim(),
            Description = description.Trim(),
            Priority = priority,
            Status = ProblemStatus.Logged,
            CreatedAt = now,
            UpdatedAt = now,
            Version = 1,
        };
        problem.Record(now, raisedBy, "Raised", null, $"{priority}");
        foreach (var service in services) problem.AddService(service, raisedBy, now);
        if (owner is not null) problem.AssignOwner(owner, raisedBy, now, bump: false);
        // A new problem is version 1, however many details it was raised with.
        problem.Version = 1;
        return problem;
    }

    /// <summary>Adds a catalogue service the problem affects (once).</summary>
    public void AddService(CatalogueService service, Actor actor, DateTime now)
    {
        if (Services.Any(s => s.ServiceId == service.Id)) return;
        Services.Add(new ProblemService(service.Id));
        Record(now, actor, "Affected service", null, service.Name);
        Changed(now);
    }

    /// <summary>Removes an affected service; a problem always affects at least one.</summary>
    public void RemoveService(CatalogueService service, Actor actor, DateTime now)
    {
        var link = Services.FirstOrDefault(s => s.ServiceId == service.Id);
        if (link is null) return;
        if (Services.Count == 1) throw new FieldException("serviceIds", $"{Reference} must affect at least one service.");
        Services.Remove(link);
        if (CategoryId is not null && Category?.ServiceId == service.Id) CategoryId = null;
        Record(now, actor, "Affected service", service.Name, null);
        Changed(now);
    }

    /// <summary>Narrows (or widens, with null) the known error to one category of an affected service.</summary>
    public void NarrowToCategory(Category? category, Actor actor, DateTime now)
    {
        if (category?.Id == CategoryId) return;
        if (category is not null && Services.All(s => s.ServiceId != category.ServiceId))
            throw new FieldException("categoryId", $"Category '{category.Name}' belongs to none of the services {Reference} affects.");
        Record(now, actor, "Category", Category?.Name, category?.Name);
        CategoryId = category?.Id;
        Category = category;
        Changed(now);
    }

    public void Retitle(string title, Actor actor, DateTime now)
    {
        EnsureNotClosed("change");
        var t = title.Trim();
        if (t == Title) return;
        Record(now, actor, "Title", Title, t);
        Title = t;
        Changed(now);
    }

    public void Describe(string description, Actor actor, DateTime now)
    {
        EnsureNotClosed("change");
        var d = description.Trim();
        if (d == Description) return;
        Record(now, actor, "Description", Description, d);
        Description = d;
        Changed(now);
    }

    public void Reprioritise(Priority priority, Actor actor, DateTime now)
    {
        EnsureNotClosed("reprioritise");
        if (priority == Priority) return;
        Record(now, actor, "Priority", Priority.ToString(), priority.ToString());
        Priority = priority;
        Changed(now);
    }

    /// <summary>Makes a problem manager accountable for the problem.</summary>
    public void AssignOwner(Person owner, Actor actor, DateTime now) => AssignOwner(owner, actor, now, bump: true);

    private void AssignOwner(Person owner, Actor actor, DateTime now, bool bump)
    {
        if (!owner.IsSharedIct || !owner.Has(PersonRoles.ProblemManager))
            throw new FieldException("ownerEmail", $"{owner.DisplayName} is not a problem manager; only a problem manager can own a problem.");
        if (OwnerId == owner.Id) return;
        Record(now, actor, "Owner", Owner?.DisplayName, owner.DisplayName);
        OwnerId = owner.Id;
        Owner = owner;
        if (bump) Changed(now);
    }

    /// <summary>Records (or corrects) the root cause once found.</summary>
    public void RecordRootCause(string rootCause, Actor actor, DateTime now)
    {
        EnsureNotClosed("record a root cause on");
        var text = rootCause.Trim();
        if (text == RootCause) return;
        Record(now, actor, "Root cause", RootCause, text);
        RootCause = text;
        Changed(now);
    }

    /// <summary>Records (or corrects) the workaround; a published known error shows the new text at once.</summary>
    public void RecordWorkaround(string workaround, Actor actor, DateTime now)
    {
        EnsureNotClosed("record a workaround on");
        var text = workaround.Trim();
        if (text == Workaround) return;
        Record(now, actor, "Workaround", Workaround, text);
        Workaround = text;
        Changed(now);
    }

    /// <summary>
    /// Moves the problem along its lifecycle. A known error needs its root cause and workaround
    /// recorded, and is published to agents and requesters; resolving needs a resolution.
    /// </summary>
    public void ChangeStatus(ProblemStatus to, string? resolution, Actor actor, DateTime now)
    {
        if (to == Status)
            throw new ConflictException($"{Reference} is already {ProblemLifecycle.Describe(Status)}.");
        if (!ProblemLifecycle.CanMove(Status, to))
        {
            var allowed = ProblemLifecycle.NextFrom(Status);
            throw new ConflictException(
                $"{Reference} cannot move from {ProblemLifecycle.Describe(Status)} to {ProblemLifecycle.Describe(to)}; " +
                (allowed.Count == 0 ? "a closed problem is final." : $"from {ProblemLifecycle.Describe(Status)} it can move to {string.Join(", ", allowed.Select(ProblemLifecycle.Describe))}."));
        }
        switch (to)
        {
            case ProblemStatus.KnownError:
                if (string.IsNullOrWhiteSpace(RootCause))
                    throw new FieldException("rootCause", $"Record the root cause of {Reference} before publishing it as a known error.");
                if (string.IsNullOrWhiteSpace(Workaround))
                    throw new FieldException("workaround", $"Record a workaround for {Reference} before publishing it as a known error.");
                KnownErrorPublishedAt = now;
                Record(now, actor, "Known error published", null, Workaround);
                break;
            case ProblemStatus.Resolved:
                if (string.IsNullOrWhiteSpace(resolution))
                    throw new FieldException("resolution", $"Say how {Reference} was resolved: a resolution is required.");
                Resolution = resolution.Trim();
                ResolvedAt = now;
                Record(now, actor, "Resolution", null, Resolution);
                break;
            case ProblemStatus.Closed:
                ClosedAt = now;
                break;
        }
        if (Status == ProblemStatus.KnownError && to != ProblemStatus.KnownError)
            Record(now, actor, "Known error withdrawn", null, null);
        if (Status == ProblemStatus.Resolved && to == ProblemStatus.UnderInvestigation)
        {
            Record(now, actor, "Resolution", Resolution, null);
            Resolution = null;
            ResolvedAt = null;
        }
        Record(now, actor, "Status", ProblemLifecycle.Describe(Status), ProblemLifecycle.Describe(to));
        Status = to;
        Changed(now);
    }

    /// <summary>
    /// Links an incident. A ticket links to at most one problem (<paramref name="linkedProblemId"/> is
    /// the problem it is already linked to, if any), only incidents link, and only to an open problem.
    /// The ticket's history records the link too.
    /// </summary>
    public void Link(Ticket ticket, long? linkedProblemId, Actor actor, DateTime now)
    {
        if (ticket.Type != TicketType.Incident)
            throw new FieldException("incidents", $"{ticket.Reference} is a service request; only incidents link to a problem.");
        if (Id == 0)
            throw new InvalidOperationException("Save a new problem before linking incidents: the link names its reference.");
        if (linkedProblemId is long other && other != Id)
            throw new ConflictException($"{ticket.Reference} is already linked to {ProblemReference.Format(other)}; unlink it there first.");
        if (Incidents.Any(i => i.TicketId == ticket.Id) || linkedProblemId == Id) return;
        if (!IsOpen)
            throw new ConflictException($"{Reference} is {ProblemLifecycle.Describe(Status)}; incidents link only to an open problem.");
        Incidents.Add(new ProblemIncident(ticket.Id, actor.PersonId, now));
        Record(now, actor, "Incident linked", null, ticket.Reference);
        ticket.RecordProblemLink(Reference, linked: true, actor, now);
        Changed(now);
    }

    /// <summary>Unlinks an incident (it was not caused by this problem after all).</summary>
    public void Unlink(Ticket ticket, Actor actor, DateTime now)
    {
        EnsureNotClosed("unlink incidents from");
        var link = Incidents.FirstOrDefault(i => i.TicketId == ticket.Id)
            ?? throw new NotFoundException($"{ticket.Reference} linked to {Reference}");
        Incidents.Remove(link);
        Record(now, actor, "Incident unlinked", ticket.Reference, null);
        ticket.RecordProblemLink(Reference, linked: false, actor, now);
        Changed(now);
    }

    /// <summary>Rejects a request made against an older version (the caller's If-Match).</summary>
    public void EnsureVersion(int? expected)
    {
        if (expected is int v && v != Version)
            throw new PreconditionFailedException($"{Reference} has changed since version {v} (it is now version {Version}); reload it and try again.");
    }

    /// <summary>Records, on the problem, that its resolution resolved a linked incident.</summary>
    public void RecordIncidentResolved(Ticket ticket, Actor actor, DateTime now) =>
        Record(now, actor, "Incident resolved", null, ticket.Reference);

    private void EnsureNotClosed(string action)
    {
        if (Status == ProblemStatus.Closed)
            throw new ConflictException($"Cannot {action} {Reference}: it is closed.");
    }

    private void Record(DateTime now, Actor actor, string change, string? from, string? to) =>
        History.Add(new ProblemHistoryEntry(now, actor.PersonId, actor.Name, change, from, to));

    private void Changed(DateTime now)
    {
        UpdatedAt = now;
        Version++;
    }
}

/// <summary>A catalogue service a problem affects.</summary>
public sealed class ProblemService
{
    private ProblemService() { }
    internal ProblemService(int serviceId) => ServiceId = serviceId;

    public long ProblemId { get; private set; }
    public int ServiceId { get; private set; }
}

/// <summary>An incident linked to a problem; a ticket links to at most one problem.</summary>
public sealed class ProblemIncident
{
    private ProblemIncident() { }

    internal ProblemIncident(long ticketId, int? linkedById, DateTime linkedAt)
    {
        TicketId = ticketId;
        LinkedById = linkedById;
        LinkedAt = linkedAt;
    }

    public long ProblemId { get; private set; }
    public long TicketId { get; private set; }
    public int? LinkedById { get; private set; }
    public DateTime LinkedAt { get; private set; }
}

/// <summary>One line of a problem's append-only history.</summary>
public sealed class ProblemHistoryEntry : HistoryEntry
{
    private ProblemHistoryEntry() { }

    internal ProblemHistoryEntry(DateTime at, int? actorId, string actorName, string change, string? from, string? to)
        : base(at, actorId, actorName, change, from, to) { }

    public long ProblemId { get; private set; }
}
