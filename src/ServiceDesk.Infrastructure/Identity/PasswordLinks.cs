using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ServiceDesk.Core.Abstractions;
using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Domain.Notifications;
using ServiceDesk.Core.Features.Accounts;
using ServiceDesk.Core.Features.Email;
using ServiceDesk.Infrastructure.Persistence;

namespace ServiceDesk.Infrastructure.Identity;

/// <summary>Invitation and password-reset emails, written to the outbox in the caller's unit of work.</summary>
public sealed class PasswordLinks(
    ServiceDeskDbContext db, UserManager<DeskUser> users, ICurrentActor actor, TimeProvider time,
    IOptions<AccountOptions> accounts, IOptions<EmailOptions> email) : IPasswordLinks
{
    public const string InvitationKind = "invitation";
    public const string ResetKind = "password-reset";

    public async Task<bool> QueueInvitationAsync(int personId, CancellationToken ct)
    {
        // A bulk import invites thousands in one unit of work: looking among the tracked people must not
        // scan the whole change tracker for changes each time (that made 5,000 invitations take minutes).
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try { return await InviteAsync(personId, ct); }
        finally { db.ChangeTracker.AutoDetectChangesEnabled = detect; }
    }

    private async Task<bool> InviteAsync(int personId, CancellationToken ct)
    {
        var person = db.People.Local.FirstOrDefault(p => p.Id == personId)
            ?? await db.People.FirstOrDefaultAsync(p => p.Id == personId, ct)
            ?? throw new NotFoundException($"Person {personId}");
        var user = db.Users.Local.FirstOrDefault(u => u.PersonId == personId)
            ?? await db.Users.FirstOrDefaultAsync(u => u.PersonId == personId, ct);
        if (user is { PasswordHash: not null }) return false;
        if (user is null)
        {
            // Added, not saved: the caller's SaveChanges writes the account with its mail.
            user = SignInAccounts.NewAccount(person);
            db.Users.Add(user);
        }

        var token = await users.GenerateUserTokenAsync(user, InvitationTokenProvider.ProviderName, InvitationTokenProvider.Purpose);
        var now = time.GetUtcNow().UtcDateTime;
        var days = accounts.Value.InvitationDays;
        var inviter = actor.PersonId is int by && by != personId
            ? await db.People.AsNoTracking().Where(p => p.Id == by).Select(p => p.DisplayName).FirstOrDefaultAsync(ct)
            : null;
        var desk = email.Value.DeskName;
        var link = accounts.Value.ChoosePasswordLink(InvitationKind, user.Id, token);
        db.Notifications.Add(new Notification(InvitationKind, null, person.Id, person.Email,
            $"You have been invited to the {desk}",
            $"Hello {FirstName(person)},\n\n" +
            $"{inviter ?? $"The {desk}"} has invited you to the {desk}, where you can report ICT problems, request what you need " +
            "and follow your tickets.\n\n" +
            $"Choose your password here to start:\n{link}\n\n" +
            $"The link works once, for {days} days (until {now.AddDays(days).ToString("d MMMM yyyy HH:mm", CultureInfo.InvariantCulture)} UTC). " +
            $"You sign in with this email address, {person.Email}.\n\n" +
            $"If you did not expect this invitation, you can ignore this email.\n\n-- \n{desk}",
            now, email.Value.NewMessageId(), autoSubmitted: true));
        return true;
    }

    public async Task<bool> QueueResetAsync(string address, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(address)) return false;
        var user = await users.FindByEmailAsync(address.Trim());
        if (user is null) return false;
        var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == user.PersonId, ct);
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var now = time.GetUtcNow().UtcDateTime;
        var desk = email.Value.DeskName;
        var minutes = accounts.Value.ResetMinutes;
        var link = accounts.Value.ChoosePasswordLink(ResetKind, user.Id, token);
        db.Notifications.Add(new Notification(ResetKind, null, person?.Id, user.Email!,
            $"Reset your password for the {desk}",
            $"Hello {(person is null ? "" : FirstName(person))},\n\n" +
            $"Someone asked to reset the password of your {desk} account. If it was you, choose a new password here:\n{link}\n\n" +
            $"The link works once, for {minutes} minutes.\n\n" +
            "If you did not ask for this, ignore this email: your password has not changed.\n\n" +
            $"-- \n{desk}",
            now, email.Value.NewMessageId(), autoSubmitted: true));
        return true;
    }

    private static string FirstName(Person person) => person.DisplayName.Split(' ')[0];
}
