using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ServiceDesk.Core.Features.Satisfaction;

namespace ServiceDesk.Web.Pages;

/// <summary>
/// The page a rating link in a resolution email opens, with the rating chosen in the email already
/// selected. Opening it records nothing (mail scanners follow links): the one button does. A used or
/// expired link says so in plain words; a changed one is not found.
/// </summary>
[AllowAnonymous]
public sealed class RateModel(IMediator mediator) : DeskPageModel(mediator)
{
    [FromRoute] public string Token { get; set; } = "";
    [BindProperty(SupportsGet = true)] public int? Rating { get; set; }
    [BindProperty] public string? Comment { get; set; }

    public RatingLinkView Link { get; private set; } = null!;
    public bool JustRated { get; private set; }

    public override async Task LoadAsync(CancellationToken ct) => Link = await Mediator.Send(new ReadRatingLink(Token), ct);

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Link = await Mediator.Send(new RateByLink(Token, Rating, Comment), ct);
        JustRated = true;
        return Page();
    }
}
