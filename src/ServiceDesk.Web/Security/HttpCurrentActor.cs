using System.Globalization;
using ServiceDesk.Core.Abstractions;
using ServiceDesk.Infrastructure.Identity;

namespace ServiceDesk.Web.Security;

/// <summary>The person signed in to this HTTP request (cookie or bearer token).</summary>
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
}
