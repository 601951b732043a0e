using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using ServiceDesk.Core.Features.Accounts;
using ServiceDesk.Infrastructure.Identity;

namespace ServiceDesk.Web.Pages.Account;

/// <summary>The signed-in person changes their password; their other sign-ins end, this one is renewed.</summary>
[Authorize]
public sealed class ChangePasswordModel(IMediator mediator, SignInManager<DeskUser> signIn, AccountPasswords passwords, IOptions<AccountOptions> accounts)
    : DeskPageModel(mediator)
{
    [BindProperty] public string? CurrentPassword { get; set; }
    [BindProperty] public string? NewPassword { get; set; }

    public bool Changed { get; private set; }
    public int MinimumLength => accounts.Value.MinimumPasswordLength;

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.UserManager.GetUserAsync(User);
        if (user is null) return Challenge();
        var outcome = await passwords.ChangeAsync(user, CurrentPassword, NewPassword);
        if (!outcome.Succeeded)
        {
            ModelState.AddModelError(outcome.Field!, outcome.Error!);
            return Page();
        }
        signIn.AuthenticationScheme = IdentityConstants.ApplicationScheme;
        await signIn.RefreshSignInAsync(user);
        Changed = true;
        return Page();
    }
}
