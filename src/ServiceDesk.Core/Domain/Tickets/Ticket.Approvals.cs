namespace ServiceDesk.Core.Domain.Tickets;

/// <summary>
/// Approvals of a priced request: an enhanced request waits for its council's approver; a bespoke one
/// then for a service manager's standards check. Until every step is approved nobody works it and its
/// clocks do not start; a rejection closes it with the reason.
/// </summary>
public sealed partial class Ticket
{
    /// <summary>How many of the service are wanted (a request's charge is unit cost × quantity).</summary>
    public int Quantity { get; private set; } = 1;

    public List<TicketApproval> Approvals { get; private set; } = [];

    /// <summary>The step waiting for a decision now, if any.</summary>
    public TicketApproval? PendingApproval =>
        Approvals.Where(a => a.Status == ApprovalStatus.Pending).OrderBy(a => a.Stage).FirstOrDefault();

    public bool AwaitingApproval => PendingApproval is not null;

    /// <summary>A priced request whose every step is approved: it is charged to its council when fulfilled.</summary>
    public bool IsApprovedPricedRequest => Approvals.Count > 0 && Approvals.All(a => a.Status == ApprovalStatus.Approved);

    private void RequestApprovals(CatalogueService service, int quantity, DateTime now)
    {
        if (quantity is < 1 or > MaxQuantity)
            throw new FieldException("quantity", $"The quantity must be between 1 and {MaxQuantity}.");
        if (quantity != 1 && Type != TicketType.ServiceRequest)
            throw new FieldException("quantity", "Only a service request has a quantity.");
        Quantity = quantity;
        if (Type != TicketType.ServiceRequest || !service.RequiresApproval) return;
        Approvals.Add(new TicketApproval(ApprovalStage.Council, now));
        if (service.Tier == ServiceTier.Bespoke) Approvals.Add(new TicketApproval(ApprovalStage.Standards, now));
    }

    public const int MaxQuantity = 1000;

    /// <summary>Whether this person may decide the step waiting now: the council's own approver, or a service manager for the standards check.</summary>
    public bool MayDecide(Person person) => PendingApproval is { } step && (step.Stage == ApprovalStage.Council
        ? !person.IsSharedIct && person.IsActive && person.IsApproverFor(CouncilId)
        : person.IsSharedIct && person.IsActive && person.Has(PersonRoles.ServiceManager));

    /// <summary>
    /// Decides the step waiting now. Approving the last step starts the clocks; rejecting needs a reason,
    /// closes the request and drops any later step.
    /// </summary>
    public void DecideApproval(int approvalId, bool approve, string? reason, Person by, bool byEmail, DateTime now) =>
        DecideApproval(Approvals.FirstOrDefault(a => a.Id == approvalId) ?? throw new NotFoundException($"Approval {approvalId}"),
            approve, reason, by, byEmail, now);

    public void DecideApproval(TicketApproval step, bool approve, string? reason, Person by, bool byEmail, DateTime now)
    {
        if (!Approvals.Contains(step)) throw new NotFoundException($"Approval {step.Id}");
        if (step.Status != ApprovalStatus.Pending || !IsOpen)
            throw new ConflictException($"The {TicketApproval.Describe(step.Stage)} of {Reference} was already decided.");
        if (PendingApproval != step)
            throw new ConflictException($"The {TicketApproval.Describe(step.Stage)} of {Reference} waits for the {TicketApproval.Describe(PendingApproval!.Stage)} first.");
        if (!MayDecide(by))
            throw new ForbiddenException(step.Stage == ApprovalStage.Council
                ? "Only the council's approver decides what the council pays for."
                : "Only a service manager decides the standards check.");
        if (!approve && string.IsNullOrWhiteSpace(reason))
            throw new FieldException("reason", "Say why the request is rejected: the requester is told.");
        if (reason?.Trim().Length > TextRules.ReasonMax)
            throw new FieldException(approve ? "conditions" : "reason", $"Keep it within {TextRules.ReasonMax} characters.");

        var actor = Actor.Of(by);
        step.Decide(approve, by, reason, byEmail, now);
        var what = $"{(approve ? "Approved" : "Rejected")} by {by.DisplayName}{(byEmail ? " by email" : "")}{(step.Reason is null ? "" : $": {step.Reason}")}";
        Record(now, actor, Capitalise(TicketApproval.Describe(step.Stage)), "Pending", what);
        if (!approve)
        {
            Approvals.RemoveAll(a => a.Status == ApprovalStatus.Pending);
            Resolution = $"Not approved: {step.Reason}";
            ClosedAt = now;
            MoveTo(TicketStatus.Closed, actor, now);
            Changed(now, actor, "Rejected");
        }
        else if (PendingApproval is { } next)
        {
            next.Requested(now);
            Changed(now, actor, "Approval step");
        }
        else
        {
            StartClocksOnApproval(actor, now);
        }
    }

    private void EnsureApproved(string action)
    {
        if (PendingApproval is { } step)
            throw new ConflictException($"Cannot {action} {Reference}: it is waiting for its {TicketApproval.Describe(step.Stage)}.");
    }

    private static string Capitalise(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
