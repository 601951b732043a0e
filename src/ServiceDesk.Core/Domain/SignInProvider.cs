using System.ComponentModel;

namespace ServiceDesk.Core.Domain;

/// <summary>
/// A council's own identity provider (OpenID Connect, e.g. its Microsoft Entra ID tenant), or shared
/// ICT's (no council): its people sign in with their council account instead of a desk password.
/// </summary>
[DisplayName("Council sign-in")]
public sealed class SignInProvider : IAudited
{
    /// <summary>The claim that carries the person's email address unless a service manager names another.</summary>
    public const string DefaultEmailClaim = "email";

    private SignInProvider() { }

    public SignInProvider(int? councilId) => CouncilId = councilId;

    public int Id { get; private set; }

    /// <summary>The council whose people sign in here; null for shared ICT.</summary>
    [DisplayName("Council")]
    public int? CouncilId { get; private set; }

    /// <summary>The provider's authority, whose discovery document names its issuer (Entra ID: https://login.microsoftonline.com/{tenant}/v2.0).</summary>
    public string Authority { get; private set; } = "";

    [DisplayName("Client id")]
    public string ClientId { get; private set; } = "";

    /// <summary>The client secret, protected by the desk's data protection keys; never shown again.</summary>
    [Secret]
    [DisplayName("Client secret")]
    public string ProtectedClientSecret { get; private set; } = "";

    /// <summary>The claim with the person's email address (then preferred_username if it is missing).</summary>
    public string EmailClaim { get; private set; } = DefaultEmailClaim;

    /// <summary>Whether the people of this council may still sign in with a desk password.</summary>
    [DisplayName("Password sign-in")]
    public bool PasswordSignIn { get; private set; } = true;

    /// <summary>Changes with every change of the settings, so each web node rebuilds its handler's options.</summary>
    public string Stamp { get; private set; } = Guid.NewGuid().ToString("N");

    /// <summary>A service manager sets the provider; a null <paramref name="protectedClientSecret"/> keeps the secret there is.</summary>
    public void Configure(string authority, string clientId, string? protectedClientSecret, string emailClaim, bool passwordSignIn)
    {
        Authority = authority.Trim().TrimEnd('/');
        ClientId = clientId.Trim();
        if (protectedClientSecret is not null) ProtectedClientSecret = protectedClientSecret;
        if (ProtectedClientSecret.Length == 0) throw new FieldException("clientSecret", "Enter the client secret.");
        EmailClaim = string.IsNullOrWhiteSpace(emailClaim) ? DefaultEmailClaim : emailClaim.Trim();
        PasswordSignIn = passwordSignIn;
        Stamp = Guid.NewGuid().ToString("N");
    }

    public string AuditKey(IAuditNames names) => CouncilId is int id ? names.Of<Council>(id) : "Shared ICT";
}

/// <summary>A field whose value never goes on the audit list: the list says only that it was set or changed.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SecretAttribute : Attribute;
