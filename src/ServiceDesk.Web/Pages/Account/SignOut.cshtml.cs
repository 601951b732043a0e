using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceDesk.Infrastructure.Identity;

namespace ServiceDesk.Web.Pages.Account;

/// <summary>
/// Signs out (POST only, with the anti-forgery token) and returns to the sign-in page. A new security
/// stamp ends every sign-in of the account, on every device and every API token, not just this cookie.
/// </summary>
[AllowAnonymous]
public sealed class SignOutModel(SignInManager<DeskUser> signIn) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.UserManager.GetUserAsync(User) is { } user)
            await signIn.UserManager.UpdateSecurityStampAsync(user);
        signIn.AuthenticationScheme = IdentityConstants.ApplicationScheme;
        await signIn.SignOutAsync();
        return Redirect("/sign-in");
    }
}
