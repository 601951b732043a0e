using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ServiceDesk.Core.Features.Knowledge;
using ServiceDesk.Web.Security;

namespace ServiceDesk.Web.Pages.Help;

/// <summary>
/// One article for its reader (anything they may not read is 404), asking "Did this help?". Reading
/// counts as a view for the reader's council; a deflected contact lands here with a confirmation.
/// </summary>
[Authorize(Policy = DeskPolicies.SignedIn)]
public sealed class ArticleModel(IMediator mediator) : DeskPageModel(mediator)
{
    [FromRoute] public string Reference { get; set; } = "";
    [BindProperty] public string? Helpful { get; set; }

    public ArticleView Article { get; private set; } = null!;
    public bool Answered { get; private set; }
    public bool Solved { get; private set; }

    public override async Task LoadAsync(CancellationToken ct) =>
        Article = await Mediator.Send(new GetArticle(Reference, CountView: false), ct);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Article = await Mediator.Send(new GetArticle(Reference), ct);
        Answered = TempData["Answered"] is true;
        Solved = TempData["Solved"] is true;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Helpful is not ("yes" or "no"))
        {
            ModelState.AddModelError("helpful", "Select yes if the article helped, or no if it did not");
            await LoadAsync(ct);
            return Page();
        }
        await Mediator.Send(new AnswerDidThisHelp(Reference, Helpful == "yes"), ct);
        TempData["Answered"] = true;
        return Redirect($"/help/{Reference}#did-this-help");
    }
}
