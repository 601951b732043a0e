using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using ServiceDesk.Core.Features.Email;
using ServiceDesk.Web.Security;

namespace ServiceDesk.Web.Pages.Account;

/// <summary>What went wrong with a council sign-in, in words, and whom to ask.</summary>
[AllowAnonymous]
public sealed class CouncilSignInProblemModel(IMediator mediator, IOptions<EmailOptions> email) : DeskPageModel(mediator)
{
    [BindProperty(SupportsGet = true)] public string? Reason { get; set; }
    [BindProperty(SupportsGet = true)] public string? Council { get; set; }

    public string DeskAddress => email.Value.DeskAddress;
    public string? SignedInAs { get; private set; }

    public (string Title, string What, string Do) Text => Reason switch
    {
        "not-in-council" => ("Your account is not one of this council's",
            $"Your council's sign-in worked{As}, but that address is not one of {CouncilName}'s people and is not in its mail domains.",
            $"Sign in with the account your council gave you. If this is the right account, ask the service desk ({DeskAddress}) to add you."),
        "deactivated" => ("You cannot use the service desk",
            $"Your council's sign-in worked{As}, but your access to the service desk has been ended.",
            $"If you think you should still have access, ask your manager or the service desk ({DeskAddress})."),
        "wrong-issuer" => ("The sign-in came from the wrong place",
            $"The answer did not come from {CouncilName}'s own sign-in service, so the desk did not accept it.",
            $"Try again from the start. If it happens again, tell the service desk ({DeskAddress})."),
        "invalid-token" => ("The sign-in could not be checked",
            $"The answer from {CouncilName}'s sign-in service could not be checked.",
            $"Try again from the start. If it happens again, tell the service desk ({DeskAddress})."),
        "no-email" => ("Your council did not say who you are",
            $"{CouncilName}'s sign-in service did not send your email address.",
            $"Tell your council's ICT team and the service desk ({DeskAddress}): the desk needs the email claim."),
        "expired" => ("That sign-in has expired or was already used",
            "Sign-in links work once, for a short while.",
            "Start again from the sign-in page."),
        "cancelled" => ("You did not finish signing in",
            $"{CouncilName}'s sign-in was cancelled or refused.",
            "Start again from the sign-in page, or sign in with your desk password if you have one."),
        "provider-down" => ("Your council's sign-in is not answering",
            $"The desk could not reach {CouncilName}'s sign-in service.",
            $"Try again in a few minutes. If it goes on, tell your council's ICT team or the service desk ({DeskAddress})."),
        "provider-refused" => ("Your council's sign-in refused the desk",
            $"{CouncilName}'s sign-in service refused the desk's request.",
            $"Tell the service desk ({DeskAddress}): the desk's registration with your council may need checking."),
        "not-configured" => ("Your council's sign-in is not set up",
            $"The desk has no working sign-in settings for {CouncilName}.",
            $"Sign in with your desk password if you have one, or ask the service desk ({DeskAddress})."),
        _ => ("Sorry, signing in did not work",
            $"Something went wrong while signing in with {CouncilName}.",
            $"Start again from the sign-in page. If it happens again, tell the service desk ({DeskAddress})."),
    };

    private string CouncilName => string.IsNullOrWhiteSpace(Council) || Council.Length > 20 ? "your council" : Council.Equals("SHARED", StringComparison.OrdinalIgnoreCase) ? "shared ICT" : Council.ToUpperInvariant();
    private string As => SignedInAs is null ? "" : $" as {SignedInAs}";

    public void OnGet() => SignedInAs = TempData[CouncilSignIn.EmailTempData] as string;
}
