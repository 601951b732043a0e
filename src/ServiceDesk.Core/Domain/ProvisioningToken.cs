using System.ComponentModel;
using System.Security.Cryptography;
using System.Text;

namespace ServiceDesk.Core.Domain;

/// <summary>
/// A bearer token with which a council's identity service (e.g. Microsoft Entra ID provisioning)
/// adds, changes and deactivates that council's people through SCIM. Shown once; only its hash is kept.
/// </summary>
[DisplayName("Provisioning token")]
public sealed class ProvisioningToken : IAudited
{
    /// <summary>What every token starts with, so a reader (or a secret scanner) recognises one.</summary>
    public const string Prefix = "sdscim_";

    private ProvisioningToken() { }

    private ProvisioningToken(int councilId, string name, string tokenHash, DateTime createdAt, string createdBy)
    {
        CouncilId = councilId;
        Name = name;
        TokenHash = tokenHash;
        CreatedAt = createdAt;
        CreatedBy = createdBy;
    }

    public int Id { get; private set; }

    [DisplayName("Council")]
    public int CouncilId { get; private set; }

    /// <summary>What the token is for, in the service manager's words ("Entra ID provisioning").</summary>
    public string Name { get; private set; } = "";

    /// <summary>SHA-256 of the token (hex).</summary>
    [Secret]
    public string TokenHash { get; private set; } = "";

    public DateTime CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";

    /// <summary>When a service manager revoked it; null while it works.</summary>
    public DateTime? RevokedAt { get; private set; }

    public bool IsRevoked => RevokedAt is not null;

    /// <summary>A new token for the council; returns the token itself, shown once.</summary>
    public static (ProvisioningToken Token, string Secret) Issue(int councilId, string name, DateTime now, string createdBy)
    {
        var secret = Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (new ProvisioningToken(councilId, name.Trim(), Hash(secret), now, createdBy), secret);
    }

    public void Revoke(DateTime now)
    {
        if (IsRevoked) throw new ConflictException($"The token '{Name}' is already revoked.");
        RevokedAt = now;
    }

    public static string Hash(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public string AuditKey(IAuditNames names) => $"{names.Of<Council>(CouncilId)}: {Name}";
}
