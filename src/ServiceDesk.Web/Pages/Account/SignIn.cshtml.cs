using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using ServiceDesk.Infrastructure.Identity;
using ServiceDesk.Web.Api;
using ServiceDesk.Web.Security;

namespace ServiceDesk.Web.Pages.Account;

/// <summary>Sign in with the desk account's email address and password (Identity cookie).</summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.SignInPolicy)]
public sealed class SignInModel(IMediator mediator, SignInManager<DeskUser> signIn, SignInThrottle throttle) : DeskPageModel(mediator)
{
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Email)) ModelState.AddModelError("email", "Enter your email address");
        if (string.IsNullOrEmpty(Password)) ModelState.AddModelError("password", "Enter your password");
        if (!ModelState.IsValid) return Page();
        if (!throttle.TryAttempt(Email!, out var wait))
        {
            await RateLimits.TooManyAsync(HttpContext, wait);
            return new EmptyResult();
        }

        signIn.AuthenticationScheme = IdentityConstants.ApplicationScheme;
        var result = await signIn.PasswordSignInAsync(Email!.Trim(), Password!, isPersistent: false, lockoutOnFailure: true);
        if (!result.Succeeded)
        {
            // The same words for a wrong password, an unknown address and a paused account.
            ModelState.AddModelError("email", AuthEndpoints.SignInRefused(signIn).TrimEnd('.'));
            return Page();
        }
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }
}
