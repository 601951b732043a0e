using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using ServiceDesk.Core.Features.Satisfaction;

namespace ServiceDesk.Infrastructure.Identity;

/// <summary>
/// Rating links signed and encrypted with ASP.NET Core Data Protection under their own purpose, so a
/// token made for anything else (a password link, a protected secret) never reads as one. The expiry is
/// inside the token and checked against the desk's clock by the caller, not by Data Protection's own.
/// </summary>
public sealed class RatingLinks(IDataProtectionProvider protection) : IRatingLinks
{
    private readonly IDataProtector _protector = protection.CreateProtector("ServiceDesk.Satisfaction.RatingLink.v1");

    public string Issue(long ticketId, int personId, DateTime issuedAt, DateTime expiresAt) =>
        _protector.Protect(string.Join('|', ticketId.ToString(CultureInfo.InvariantCulture), personId.ToString(CultureInfo.InvariantCulture),
            issuedAt.Ticks.ToString(CultureInfo.InvariantCulture), expiresAt.Ticks.ToString(CultureInfo.InvariantCulture)));

    public RatingLinkClaim? Read(string token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 1000) return null;
        string plain;
        try { plain = _protector.Unprotect(token.Trim()); }
        catch (CryptographicException) { return null; }
        catch (FormatException) { return null; }
        var parts = plain.Split('|');
        return parts.Length == 4
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticket)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var person)
            && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var issued)
            && long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            ? new RatingLinkClaim(ticket, person, new DateTime(issued, DateTimeKind.Utc), new DateTime(expires, DateTimeKind.Utc))
            : null;
    }
}
