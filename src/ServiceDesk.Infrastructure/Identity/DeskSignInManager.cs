using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServiceDesk.Infrastructure.Persistence;

namespace ServiceDesk.Infrastructure.Identity;

/// <summary>
/// Identity's sign-in with the desk's rules on who may sign in at all: an active person, working for
/// shared ICT or a council still in the partnership, and demo accounts only on a desk running the demo.
/// </summary>
public sealed class DeskSignInManager(
    UserManager<DeskUser> users, IHttpContextAccessor http, IUserClaimsPrincipalFactory<DeskUser> claims,
    IOptions<IdentityOptions> identity, ILogger<SignInManager<DeskUser>> logger, IAuthenticationSchemeProvider schemes,
    IUserConfirmation<DeskUser> confirmation, ServiceDeskDbContext db, IOptions<DatabaseOptions> database)
    : SignInManager<DeskUser>(users, http, claims, identity, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(DeskUser user) =>
        await base.CanSignInAsync(user) && await MayUseTheDeskAsync(user.PersonId);

    /// <summary>Whether the person behind an account may use the desk now.</summary>
    public async Task<bool> MayUseTheDeskAsync(int personId)
    {
        var person = await db.People.AsNoTracking().Where(p => p.Id == personId)
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
}
