using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using ServiceDesk.Core.Features.Accounts;
using ServiceDesk.Infrastructure.Identity;

namespace ServiceDesk.Web.Pages.Account;

/// <summary>
/// The page an emailed link opens: an invitation's first password, or a new one after a reset.
/// Saving it spends the link, ends every earlier sign-in and signs the person in here.
/// Not rate limited: the token cannot be guessed, and a council's staff accepting invitations on the
/// same morning often share one client address.
/// </summary>
[AllowAnonymous]
public sealed class ChoosePasswordModel(IMediator mediator, SignInManager<DeskUser> signIn, AccountPasswords passwords, IOptions<AccountOptions> accounts)
    : DeskPageModel(mediator)
{
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true, Name = "user")] public string? UserId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }
    [BindProperty] public string? NewPassword { get; set; }

    public bool IsInvitation => Kind == PasswordLinks.InvitationKind;
    public int MinimumLength => accounts.Value.MinimumPasswordLength;

    /// <summary>The account's address, for password managers.</summary>
    public string? Email { get; private set; }

    public async Task OnGetAsync()
    {
        var user = await FindAsync();
        if (user is null || string.IsNullOrWhiteSpace(Token) || IsInvitation && user.PasswordHash is not null)
            ModelState.AddModelError("token", AccountPasswords.ExpiredLink);
        Email = user?.Email;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await FindAsync();
        Email = user?.Email;
        var outcome = await passwords.ChooseAsync(user, Kind, Token, NewPassword);
        if (!outcome.Succeeded)
        {
            ModelState.AddModelError(outcome.Field!, outcome.Error!);
            return Page();
        }
        signIn.AuthenticationScheme = IdentityConstants.ApplicationScheme;
        await signIn.SignInAsync(user!, isPersistent: false);
        return LocalRedirect("/");
    }

    private async Task<DeskUser?> FindAsync() =>
        string.IsNullOrWhiteSpace(UserId) ? null : await signIn.UserManager.FindByIdAsync(UserId);
}
