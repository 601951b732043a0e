using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using ServiceDesk.Core.Features.Accounts;

namespace ServiceDesk.Infrastructure.Identity;

/// <summary>
/// The password rule, after NCSC guidance: long enough, and not one of the passwords attackers try
/// first. No rules about digits, capitals or symbols.
/// </summary>
public sealed class DeskPasswordValidator(CommonPasswords common, IOptions<AccountOptions> options) : IPasswordValidator<DeskUser>
{
    public const string TooShort = "PasswordTooShort";
    public const string TooCommon = "PasswordTooCommon";

    public Task<IdentityResult> ValidateAsync(UserManager<DeskUser> manager, DeskUser user, string? password)
    {
        var minimum = options.Value.MinimumPasswordLength;
        if (password is null || password.Length < minimum)
            return Fail(TooShort, $"Choose a password of at least {minimum} characters");
        if (common.Contains(password) || common.Contains(password.Trim())
            || string.Equals(password.Trim(), user.Email, StringComparison.OrdinalIgnoreCase))
            return Fail(TooCommon, "This password is too common; choose another");
        return Task.FromResult(IdentityResult.Success);
    }

    private static Task<IdentityResult> Fail(string code, string description) =>
        Task.FromResult(IdentityResult.Failed(new IdentityError { Code = code, Description = description }));
}
