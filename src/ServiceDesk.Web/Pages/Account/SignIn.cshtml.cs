using MediatR;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using ServiceDesk.Core.Features.Accounts;
using ServiceDesk.Infrastructure.Identity;
using ServiceDesk.Web.Api;
using ServiceDesk.Web.Security;

namespace ServiceDesk.Web.Pages.Account;

/// <summary>
/// Sign in with the desk account's email address and password (Identity cookie), or with the
/// council's own account: the person gives their email and the desk sends them to their council's provider.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.SignInPolicy)]
public sealed class SignInModel(IMediator mediator, SignInManager<DeskUser> signIn, SignInThrottle throttle, CouncilSignInSettings providers,
    ILogger<SignInModel> logger) : DeskPageModel(mediator)
{
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty] public string? CouncilEmail { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    /// <summary>Whether any council signs in with its own provider (the page offers it).</summary>
    public bool CouncilSignInOffered { get; private set; }

    public override async Task LoadAsync(CancellationToken ct)
    {
        var origins = await Mediator.Send(new ListSignInProviderOrigins(), ct);
        CouncilSignInOffered = origins.Count > 0;
        HttpContext.Items[SecurityHeaders.FormActionItem] = string.Join(' ', origins);
    }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Email)) ModelState.AddModelError("email", "Enter your email address");
        if (string.IsNullOrEmpty(Password)) ModelState.AddModelError("password", "Enter your password");
        if (!ModelState.IsValid) return await ShowAsync(ct);
        if (!throttle.TryAttempt(Email!, out var wait))
        {
            await RateLimits.TooManyAsync(HttpContext, wait);
            return new EmptyResult();
        }
        // Said by the address's mail domain, so it tells nothing about whether this person has an account.
        if (await Mediator.Send(new FindCouncilSignIn(Email!), ct) is { PasswordSignIn: false } route)
        {
            ModelState.AddModelError("email", $"People of {route.CouncilName} sign in with their council account: use \"Sign in with your council account\"");
            return await ShowAsync(ct);
        }

        signIn.AuthenticationScheme = IdentityConstants.ApplicationScheme;
        var result = await signIn.PasswordSignInAsync(Email!.Trim(), Password!, isPersistent: false, lockoutOnFailure: true);
        if (!result.Succeeded)
        {
            // The same words for a wrong password, an unknown address and a paused account.
            ModelState.AddModelError("email", AuthEndpoints.SignInRefused(signIn).TrimEnd('.'));
            return await ShowAsync(ct);
        }
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }

    /// <summary>"Sign in with your council account": the provider of the address's council, found by mail domain.</summary>
    public async Task<IActionResult> OnPostCouncilAsync(CancellationToken ct)
    {
        var email = CouncilEmail?.Trim() ?? "";
        if (email.Length == 0)
        {
            ModelState.AddModelError("councilEmail", "Enter your council email address");
            return await ShowAsync(ct);
        }
        var route = await Mediator.Send(new FindCouncilSignIn(email), ct);
        if (route is null)
        {
            var domain = email.Contains('@') ? email[(email.LastIndexOf('@') + 1)..] : email;
            ModelState.AddModelError("councilEmail", email.Contains('@')
                ? $"No council signs in with its own account for {domain}. Check the address, or sign in with your desk password below"
                : "Enter an email address, like name@council.example");
            return await ShowAsync(ct);
        }
        var settings = await providers.RefreshAsync(route.Council);
        if (settings?.ClientSecret is null) return Redirect(CouncilSignIn.Problem("not-configured", route.Council));
        var properties = new AuthenticationProperties { RedirectUri = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/" };
        properties.Items[CouncilSignIn.LoginHintItem] = email;
        try
        {
            await HttpContext.ChallengeAsync(CouncilSignIn.SchemeOf(route.Council), properties);
        }
        catch (Exception e) when (!Response.HasStarted)
        {
            // Whatever the provider does (down, unreachable, a broken discovery document), the person gets a page that says so.
            logger.LogWarning(e, "The sign-in provider of {Council} could not be reached.", route.Council);
            return Redirect(CouncilSignIn.Problem("provider-down", route.Council));
        }
        return new EmptyResult();
    }

    private async Task<IActionResult> ShowAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }
}
