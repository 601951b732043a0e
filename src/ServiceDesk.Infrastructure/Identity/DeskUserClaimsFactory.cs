using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ServiceDesk.Infrastructure.Identity;

/// <summary>Puts the person's id into the sign-in (cookie or bearer token), so each request knows who acts.</summary>
public sealed class DeskUserClaimsFactory(UserManager<DeskUser> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<DeskUser>(users, options)
{
    public const string PersonIdClaim = "sd:person";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(DeskUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(PersonIdClaim, user.PersonId.ToString(CultureInfo.InvariantCulture)));
        return identity;
    }
}
