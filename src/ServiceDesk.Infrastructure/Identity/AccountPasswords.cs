using Microsoft.AspNetCore.Identity;

namespace ServiceDesk.Infrastructure.Identity;

/// <summary>What became of a password change: success, or the field at fault and why.</summary>
public sealed record PasswordOutcome(bool Succeeded, string? Field = null, string? Error = null)
{
    public static readonly PasswordOutcome Done = new(true);
}

/// <summary>
/// Sets passwords, for the pages and the API alike: the first one from an invitation link, a new one
/// from a reset link, or a change by the signed-in person. Each changes the security stamp, which
/// spends the link and ends every other sign-in.
/// </summary>
public sealed class AccountPasswords(UserManager<DeskUser> users)
{
    public const string ExpiredLink = "This link has expired or has already been used: ask for a new one";

    /// <summary>Sets the password from an emailed link (<see cref="PasswordLinks.InvitationKind"/> or <see cref="PasswordLinks.ResetKind"/>).</summary>
    public async Task<PasswordOutcome> ChooseAsync(DeskUser? user, string? kind, string? token, string? newPassword)
    {
        if (string.IsNullOrEmpty(newPassword)) return new(false, "newPassword", "Enter a new password");
        if (user is null || string.IsNullOrWhiteSpace(token)) return new(false, "token", ExpiredLink);
        IdentityResult result;
        if (kind == PasswordLinks.InvitationKind)
        {
            if (user.PasswordHash is not null
                || !await users.VerifyUserTokenAsync(user, InvitationTokenProvider.ProviderName, InvitationTokenProvider.Purpose, token))
                return new(false, "token", ExpiredLink);
            result = await users.AddPasswordAsync(user, newPassword);
        }
        else
        {
            result = await users.ResetPasswordAsync(user, token, newPassword);
        }
        if (!result.Succeeded) return Refused(result);

        // The email reached them, so the address is theirs; a locked account opens again.
        user.EmailConfirmed = true;
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        await users.UpdateAsync(user);
        return PasswordOutcome.Done;
    }

    /// <summary>The signed-in person changes their password, giving the current one.</summary>
    public async Task<PasswordOutcome> ChangeAsync(DeskUser user, string? currentPassword, string? newPassword)
    {
        if (string.IsNullOrEmpty(currentPassword)) return new(false, "currentPassword", "Enter your current password");
        if (string.IsNullOrEmpty(newPassword)) return new(false, "newPassword", "Enter a new password");
        var result = await users.ChangePasswordAsync(user, currentPassword, newPassword);
        return result.Succeeded ? PasswordOutcome.Done : Refused(result);
    }

    private static PasswordOutcome Refused(IdentityResult result)
    {
        var error = result.Errors.First();
        return error.Code switch
        {
            "InvalidToken" => new(false, "token", ExpiredLink),
            "PasswordMismatch" => new(false, "currentPassword", "Your current password is not right"),
            _ => new(false, "newPassword", error.Description),
        };
    }
}
