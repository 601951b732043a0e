using System.Globalization;
using ServiceDesk.Core.Abstractions;
using ServiceDesk.Infrastructure.Identity;

namespace ServiceDesk.Web.Security;

/// <summary>The person signed in to this HTTP request (cookie or bearer token), or a council's provisioning service.</summary>
public sealed class HttpCurrentActor(IHttpContextAccessor accessor) : ICurrentActor
{
    public int? PersonId
    {
        get
        {
            var user = accessor.HttpContext?.User;
            if (user?.Identity?.IsAuthenticated != true) return null;
            var claim = user.FindFirst(DeskUserClaimsFactory.PersonIdClaim)?.Value;
            return int.TryParse(claim, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
        }
    }

    /// <summary>A provisioning call acts as its council's provisioning service (the audit list names it).</summary>
    public string? Name => accessor.HttpContext?.User.FindFirst(Scim.ScimAuthenticationHandler.CallerNameClaim)?.Value;
}
