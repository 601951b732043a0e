using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ServiceDesk.Infrastructure.Identity;

/// <summary>
/// Tokens for invitation links: their own provider and lifetime (days), apart from password-reset
/// tokens (an hour). Like a reset token, one ends when the account's security stamp changes, i.e.
/// once a password is chosen.
/// </summary>
public sealed class InvitationTokenProvider(
    IDataProtectionProvider protection, IOptions<InvitationTokenProviderOptions> options, ILogger<DataProtectorTokenProvider<DeskUser>> logger)
    : DataProtectorTokenProvider<DeskUser>(protection, options, logger)
{
    public const string ProviderName = "Invitation";
    public const string Purpose = "ChooseFirstPassword";
}

/// <summary>The invitation tokens' lifetime (set from ServiceDesk:Accounts:InvitationDays).</summary>
public sealed class InvitationTokenProviderOptions : DataProtectionTokenProviderOptions
{
    public InvitationTokenProviderOptions()
    {
        Name = InvitationTokenProvider.ProviderName;
        TokenLifespan = TimeSpan.FromDays(7);
    }
}
