using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ServiceDesk.Core.Abstractions;
using ServiceDesk.Core.Domain;
using ServiceDesk.Infrastructure.Persistence;

namespace ServiceDesk.Infrastructure.Identity;

/// <summary>People's sign-in accounts in Identity's tables, changed in the caller's unit of work.</summary>
public sealed class SignInAccounts(ServiceDeskDbContext db, UserManager<DeskUser> users) : ISignInAccounts
{
    public void Add(Person person)
    {
        if (person.Id == 0) throw new InvalidOperationException("Save the person before adding their sign-in account.");
        db.Users.Add(NewAccount(person));
    }

    /// <summary>A sign-in account for a person: no password until they choose one, lockout on.</summary>
    public static DeskUser NewAccount(Person person) => new()
    {
        UserName = person.Email,
        NormalizedUserName = person.Email.ToUpperInvariant(),
        Email = person.Email,
        NormalizedEmail = person.Email.ToUpperInvariant(),
        SecurityStamp = Guid.NewGuid().ToString("N"),
        LockoutEnabled = true,
        PersonId = person.Id,
    };

    public async Task SetPasswordAsync(Person person, string password, string field, CancellationToken ct)
    {
        var user = await AccountOfAsync(person.Id, ct);
        var errors = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, password);
            errors.AddRange(result.Errors.Select(e => e.Description));
        }
        if (errors.Count > 0) throw new FieldException(field, string.Join(" ", errors.Distinct()));
        user.PasswordHash = users.PasswordHasher.HashPassword(user, password);
        user.EmailConfirmed = true;
        user.SecurityStamp = Guid.NewGuid().ToString("N");
    }

    public async Task FollowEmailAsync(Person person, CancellationToken ct)
    {
        var user = await AccountOfAsync(person.Id, ct);
        if (user.Email == person.Email) return;
        user.UserName = user.Email = person.Email;
        user.NormalizedUserName = user.NormalizedEmail = person.Email.ToUpperInvariant();
        user.EmailConfirmed = false;
        user.SecurityStamp = Guid.NewGuid().ToString("N");
    }

    public async Task EndSessionsAsync(IReadOnlyCollection<int> personIds, CancellationToken ct)
    {
        var ids = personIds.ToList();
        foreach (var user in await db.Users.Where(u => ids.Contains(u.PersonId)).ToListAsync(ct))
            user.SecurityStamp = Guid.NewGuid().ToString("N");
    }

    public async Task RemoveAsync(int personId, CancellationToken ct)
    {
        foreach (var user in await db.Users.Where(u => u.PersonId == personId).ToListAsync(ct))
            db.Users.Remove(user);
    }

    public async Task<int?> PersonOfLoginAsync(string issuer, string subject, CancellationToken ct) =>
        await db.UserLogins.Where(l => l.LoginProvider == issuer && l.ProviderKey == subject)
            .Join(db.Users, l => l.UserId, u => u.Id, (_, u) => (int?)u.PersonId).FirstOrDefaultAsync(ct);

    public async Task RememberLoginAsync(Person person, string issuer, string? subject, string providerName, CancellationToken ct)
    {
        var user = db.Users.Local.FirstOrDefault(u => u.PersonId == person.Id)
            ?? await db.Users.FirstOrDefaultAsync(u => u.PersonId == person.Id, ct);
        if (user is null) db.Users.Add(user = NewAccount(person));
        if (subject is null || await db.UserLogins.AnyAsync(l => l.LoginProvider == issuer && l.ProviderKey == subject, ct)) return;
        db.UserLogins.Add(new IdentityUserLogin<string> { LoginProvider = issuer, ProviderKey = subject, ProviderDisplayName = providerName, UserId = user.Id });
    }

    private async Task<DeskUser> AccountOfAsync(int personId, CancellationToken ct) =>
        db.Users.Local.FirstOrDefault(u => u.PersonId == personId)
        ?? await db.Users.FirstOrDefaultAsync(u => u.PersonId == personId, ct)
        ?? throw new InvalidOperationException($"Person {personId} has no sign-in account.");
}
