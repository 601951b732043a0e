namespace ServiceDesk.Core.Domain.Tickets;

/// <summary>Who decides a step: the council's approver (budget), then for bespoke work a service manager (standards).</summary>
public enum ApprovalStage { Council, Standards }

public enum ApprovalStatus { Pending, Approved, Rejected }

/// <summary>One decision a priced request waits for, and how it was decided.</summary>
public sealed class TicketApproval
{
    private TicketApproval() { }

    internal TicketApproval(ApprovalStage stage, DateTime requestedAt)
    {
        Stage = stage;
        Status = ApprovalStatus.Pending;
        RequestedAt = requestedAt;
    }

    public int Id { get; private set; }
    public long TicketId { get; private set; }
    public ApprovalStage Stage { get; private set; }
    public ApprovalStatus Status { get; private set; }
    public DateTime RequestedAt { get; private set; }
    public int? DecidedById { get; private set; }
    public string? DecidedByName { get; private set; }
    public DateTime? DecidedAt { get; private set; }

    /// <summary>The reason for a rejection, or the conditions of an approval.</summary>
    public string? Reason { get; private set; }

    /// <summary>True when decided by replying to the approval email.</summary>
    public bool ByEmail { get; private set; }

    internal void Decide(bool approve, Person by, string? reason, bool byEmail, DateTime now)
    {
        Status = approve ? ApprovalStatus.Approved : ApprovalStatus.Rejected;
        DecidedById = by.Id;
        DecidedByName = by.DisplayName;
        DecidedAt = now;
        Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        ByEmail = byEmail;
    }

    /// <summary>A later step becomes due once the step before it is approved.</summary>
    internal void Requested(DateTime now) => RequestedAt = now;

    public static string Describe(ApprovalStage stage) => stage == ApprovalStage.Council ? "council approval" : "standards check";
}
