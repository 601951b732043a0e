using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using ServiceDesk.Core.Abstractions;
using ServiceDesk.Core.Features.Accounts;
using ServiceDesk.Web.Security;

namespace ServiceDesk.Web.Pages.Account;

/// <summary>
/// Asks for a password-reset link. The answer is the same whether or not the address has an
/// account, so the page never tells anyone which addresses exist.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.PasswordResetPolicy)]
public sealed class ForgottenPasswordModel(IMediator mediator, IPasswordLinks links, IServiceDeskDb db, IOptions<AccountOptions> accounts)
    : DeskPageModel(mediator)
{
    [BindProperty] public string? Email { get; set; }

    /// <summary>The address a link was asked for, once the form is sent.</summary>
    public string? SentTo { get; private set; }

    public int Minutes => accounts.Value.ResetMinutes;

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Email) || !Email.Contains('@'))
        {
            ModelState.AddModelError("email", "Enter your email address, like name@council.gov.uk");
            return Page();
        }
        if (await links.QueueResetAsync(Email, ct)) await db.SaveChangesAsync(ct);
        SentTo = Email.Trim();
        return Page();
    }
}
