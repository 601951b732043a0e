using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServiceDesk.Infrastructure.Persistence;

namespace ServiceDesk.Infrastructure.Identity;

/// <summary>
/// Identity's sign-in manager with the desk's one check of whether a person may still use the desk:
/// at sign-in, at each refresh and on every signed-in request (see <see cref="IsActiveAsync"/>).
/// </summary>
public sealed class DeskSignInManager(
    UserManager<DeskUser> users, IHttpContextAccessor http, IUserClaimsPrincipalFactory<DeskUser> claims, IOptions<IdentityOptions> options,
    ILogger<SignInManager<DeskUser>> logger, IAuthenticationSchemeProvider schemes, IUserConfirmation<DeskUser> confirmation,
    ServiceDeskDbContext db, IOptions<DatabaseOptions> database)
    : SignInManager<DeskUser>(users, http, claims, options, logger, schemes, confirmation)
{
    /// <summary>
    /// Whether this account may still be used: an active person, working for shared ICT or a council
    /// still in the partnership, and demo accounts only on a desk meant to run the demo.
    /// </summary>
    public async Task<bool> IsActiveAsync(DeskUser user)
    {
        var person = await db.People.AsNoTracking().Where(p => p.Id == user.PersonId)
            .Select(p => new
            {
                p.DeactivatedAt,
                Councils = p.Memberships.Count,
                Partners = p.Memberships.Count(m => db.Councils.Any(c => c.Id == m.CouncilId && c.WithdrawnAt == null)),
            })
            .FirstOrDefaultAsync();
        if (person is null || person.DeactivatedAt is not null) return false;
        if (person.Councils > 0 && person.Partners == 0) return false;
        // A demo desk's accounts share a published password: they work only where the demo is meant to run.
        return database.Value.RunsDemo || !await db.Partnership.AnyAsync(p => p.IsDemo);
    }

    /// <summary>
    /// Whether the person may sign in with a desk password: not where their council (or shared ICT, for
    /// shared ICT staff) has switched password sign-in off in favour of its own provider.
    /// </summary>
    public async Task<bool> MayUsePasswordAsync(DeskUser user)
    {
        var councils = await db.People.AsNoTracking().Where(p => p.Id == user.PersonId)
            .SelectMany(p => p.Memberships.Select(m => (int?)m.CouncilId)).ToListAsync();
        if (councils.Count == 0) councils.Add(null);
        return !await db.SignInProviders.AnyAsync(p => !p.PasswordSignIn && councils.Contains(p.CouncilId));
    }

    public override async Task<SignInResult> CheckPasswordSignInAsync(DeskUser user, string password, bool lockoutOnFailure)
    {
        if (!await MayUsePasswordAsync(user)) return SignInResult.NotAllowed;
        return await base.CheckPasswordSignInAsync(user, password, lockoutOnFailure);
    }

    public override async Task<bool> CanSignInAsync(DeskUser user) =>
        await base.CanSignInAsync(user) && await IsActiveAsync(user);

    /// <summary>A sign-in (cookie, bearer or refresh token) holds only while its security stamp is the account's and the account is active.</summary>
    public override async Task<bool> ValidateSecurityStampAsync(DeskUser? user, string? securityStamp) =>
        user is not null && securityStamp is not null && await base.ValidateSecurityStampAsync(user, securityStamp) && await IsActiveAsync(user);
}
