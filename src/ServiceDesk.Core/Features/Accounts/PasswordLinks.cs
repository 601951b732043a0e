namespace ServiceDesk.Core.Features.Accounts;

/// <summary>
/// Emails people a link to choose their password: an invitation for a new account, or a reset for a
/// forgotten password. Each method only adds to the caller's unit of work (the account, the outbox
/// message): nothing is written until the caller saves, so a bulk import can invite thousands of
/// people in one transaction.
/// </summary>
public interface IPasswordLinks
{
    /// <summary>
    /// Invites the person to the desk: makes their sign-in account (without a password) if they have
    /// none, and queues an email with a single-use link to choose a password, valid for
    /// <see cref="AccountOptions.InvitationDays"/> days. The signed-in person, if any, is named as the
    /// one who invited them. False (nothing queued) when the person already has a password.
    /// </summary>
    Task<bool> QueueInvitationAsync(int personId, CancellationToken ct);

    /// <summary>
    /// Queues a password-reset email with a single-use link valid for
    /// <see cref="AccountOptions.ResetMinutes"/> minutes, if the address belongs to an account; false
    /// otherwise. Callers must answer the same either way, so no one learns which addresses exist.
    /// </summary>
    Task<bool> QueueResetAsync(string email, CancellationToken ct);
}

/// <summary>Sign-in account settings (ServiceDesk:Accounts).</summary>
public sealed class AccountOptions
{
    public const string Section = "ServiceDesk:Accounts";

    /// <summary>How long an invitation link works.</summary>
    public int InvitationDays { get; set; } = 7;

    /// <summary>How long a password-reset link works.</summary>
    public int ResetMinutes { get; set; } = 60;

    /// <summary>The desk's address as people reach it, for the links in emails.</summary>
    public string SiteAddress { get; set; } = "http://localhost:5000";

    /// <summary>The shortest password accepted (NCSC: length, not composition rules).</summary>
    public int MinimumPasswordLength { get; set; } = 12;

    /// <summary>The link in an email to the page that sets a password.</summary>
    public string ChoosePasswordLink(string kind, string userId, string token) =>
        $"{SiteAddress.TrimEnd('/')}/account/choose-password?kind={kind}&user={Uri.EscapeDataString(userId)}&token={Uri.EscapeDataString(token)}";
}
