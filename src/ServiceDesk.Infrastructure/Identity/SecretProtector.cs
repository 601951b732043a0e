using Microsoft.AspNetCore.DataProtection;
using System.Security.Cryptography;
using ServiceDesk.Core.Features.Accounts;

namespace ServiceDesk.Infrastructure.Identity;

/// <summary>Secrets the desk uses again (providers' client secrets), protected with ASP.NET Core Data Protection.</summary>
public sealed class SecretProtector(IDataProtectionProvider protection) : ISecretProtector
{
    private readonly IDataProtector _protector = protection.CreateProtector("ServiceDesk.SignInProviders.ClientSecret");

    public string Protect(string secret) => _protector.Protect(secret);

    public string? Unprotect(string protectedSecret)
    {
        try { return _protector.Unprotect(protectedSecret); }
        catch (CryptographicException) { return null; }
    }
}
