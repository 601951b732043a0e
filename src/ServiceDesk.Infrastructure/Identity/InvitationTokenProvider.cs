using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using ServiceDesk.Core.Features.Accounts;

namespace ServiceDesk.Infrastructure.Identity;

/// <summary>
/// Tokens for the links in emails: protected with ASP.NET Core Data Protection, holding when they
/// were made (read from the injected clock, unlike Identity's own provider), the account, the purpose
/// and the account's security stamp. Setting a password changes the stamp, so a token works once.
/// </summary>
public abstract class EmailLinkTokenProvider(IDataProtectionProvider protection, TimeProvider time, string name) : IUserTwoFactorTokenProvider<DeskUser>
{
    private readonly IDataProtector _protector = protection.CreateProtector("ServiceDesk.EmailLinkTokens", name);

    /// <summary>How long a token works.</summary>
    protected abstract TimeSpan Lifetime { get; }

    public async Task<string> GenerateAsync(string purpose, UserManager<DeskUser> manager, DeskUser user)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer))
        {
            writer.Write(time.GetUtcNow().UtcTicks);
            writer.Write(await manager.GetUserIdAsync(user));
            writer.Write(purpose);
            writer.Write(await manager.GetSecurityStampAsync(user));
        }
        return WebEncoders.Base64UrlEncode(_protector.Protect(buffer.ToArray()));
    }

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<DeskUser> manager, DeskUser user)
    {
        try
        {
            using var reader = new BinaryReader(new MemoryStream(_protector.Unprotect(WebEncoders.Base64UrlDecode(token))));
            var made = new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero);
            var userId = reader.ReadString();
            var madeFor = reader.ReadString();
            var stamp = reader.ReadString();
            var now = time.GetUtcNow();
            return now >= made && now < made + Lifetime
                && userId == await manager.GetUserIdAsync(user) && madeFor == purpose
                && stamp == await manager.GetSecurityStampAsync(user);
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException or EndOfStreamException or IOException)
        {
            return false;
        }
    }

    public Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<DeskUser> manager, DeskUser user) => Task.FromResult(false);
}

/// <summary>Invitation links: <see cref="AccountOptions.InvitationDays"/> days.</summary>
public sealed class InvitationTokenProvider(IDataProtectionProvider protection, TimeProvider time, IOptions<AccountOptions> accounts)
    : EmailLinkTokenProvider(protection, time, ProviderName)
{
    public const string ProviderName = "Invitation";
    public const string Purpose = "ChooseFirstPassword";

    protected override TimeSpan Lifetime => TimeSpan.FromDays(accounts.Value.InvitationDays);
}

/// <summary>Password-reset links: <see cref="AccountOptions.ResetMinutes"/> minutes.</summary>
public sealed class ResetTokenProvider(IDataProtectionProvider protection, TimeProvider time, IOptions<AccountOptions> accounts)
    : EmailLinkTokenProvider(protection, time, ProviderName)
{
    public const string ProviderName = "PasswordReset";

    protected override TimeSpan Lifetime => TimeSpan.FromMinutes(accounts.Value.ResetMinutes);
}
