using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ServiceDesk.Core.Features.Partnership;

namespace ServiceDesk.Web.Pages.Account;

/// <summary>
/// The first run of an empty desk: the one-time link from the log names the partnership and creates
/// its first service manager. Without a good token the page does not exist (404).
/// </summary>
[AllowAnonymous]
public sealed class SetupModel(IMediator mediator) : DeskPageModel(mediator)
{
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }
    [BindProperty] public string? PartnershipName { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Password { get; set; }

    public override async Task LoadAsync(CancellationToken ct)
    {
        if (!await Mediator.Send(new CheckSetupToken(Token), ct)) throw new Core.Domain.NotFoundException("Setup");
    }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var email = await Mediator.Send(new SetUpPartnership(Token, PartnershipName, Name, Email, Password), ct);
        TempData["Done"] = $"{PartnershipName?.Trim()} is set up. Sign in as {email} to add its councils and people.";
        return Redirect("/sign-in");
    }
}
