using System.Security.Cryptography;
using System.Text;

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
        EmailKeyUsed();
    }

    /// <summary>Removes personal data from the decision (retention, erasure): the approver's name when it is one of those removed, and names in the reason.</summary>
    internal void Redact(Func<string, string> scrub)
    {
        if (DecidedByName is not null) DecidedByName = scrub(DecidedByName);
        if (Reason is not null) Reason = scrub(Reason);
    }

    /// <summary>SHA-256 (hex) of the key the latest approval email carried; an emailed decision must quote it.</summary>
    public string? EmailKeyHash { get; private set; }
    public DateTime? EmailKeyExpiresAt { get; private set; }

    /// <summary>A new key for the approval email (the old one stops counting); only its hash is kept.</summary>
    internal string IssueEmailKey(DateTime expiresAt)
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        var key = RandomNumberGenerator.GetString(alphabet, 8);
        key = $"{key[..4]}-{key[4..]}";
        (EmailKeyHash, EmailKeyExpiresAt) = (HashKey(key), expiresAt);
        return key;
    }

    /// <summary>Whether an emailed decision quoting this key may decide the step now: it is still waiting, and the key is current and unexpired.</summary>
    public bool AcceptsEmailKey(string? key, DateTime now) =>
        Status == ApprovalStatus.Pending && key is not null && EmailKeyHash is not null && EmailKeyExpiresAt is DateTime expires && now <= expires
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(HashKey(key)), Encoding.ASCII.GetBytes(EmailKeyHash));

    /// <summary>Once used, a key decides nothing more.</summary>
    internal void EmailKeyUsed() => (EmailKeyHash, EmailKeyExpiresAt) = (null, null);

    private static string HashKey(string key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key.Trim().ToUpperInvariant())));

    /// <summary>A later step becomes due once the step before it is approved.</summary>
    internal void Requested(DateTime now) => RequestedAt = now;

    public static string Describe(ApprovalStage stage) => stage == ApprovalStage.Council ? "council approval" : "standards check";
}
