using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ServiceDesk.Infrastructure.Identity;

/// <summary>
/// Identity's sign-in manager with the desk's one check of whether a person may still use the desk:
/// at sign-in, at each refresh and on every signed-in request (see <see cref="IsActiveAsync"/>).
/// </summary>
public sealed class DeskSignInManager(
    UserManager<DeskUser> users, IHttpContextAccessor http, IUserClaimsPrincipalFactory<DeskUser> claims, IOptions<IdentityOptions> options,
    ILogger<SignInManager<DeskUser>> logger, IAuthenticationSchemeProvider schemes, IUserConfirmation<DeskUser> confirmation)
    : SignInManager<DeskUser>(users, http, claims, options, logger, schemes, confirmation)
{
    /// <summary>
    /// Whether this account may still be used. Every account may, for now; deactivating a person
    /// adds its check here (and changes their security stamp, which ends every sign-in at once).
    /// </summary>
    public Task<bool> IsActiveAsync(DeskUser user) => Task.FromResult(true);

    public override async Task<bool> CanSignInAsync(DeskUser user) =>
        await base.CanSignInAsync(user) && await IsActiveAsync(user);

    /// <summary>A sign-in (cookie, bearer or refresh token) holds only while its security stamp is the account's and the account is active.</summary>
    public override async Task<bool> ValidateSecurityStampAsync(DeskUser? user, string? securityStamp) =>
        user is not null && securityStamp is not null && await base.ValidateSecurityStampAsync(user, securityStamp) && await IsActiveAsync(user);
}
