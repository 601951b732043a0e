using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ServiceDesk.Core.Features.People;
using ServiceDesk.Web.Security;

namespace ServiceDesk.Web.Pages.Account;

/// <summary>The emails about tickets a person may turn off: passed to another team, priority changed, closed.</summary>
[Authorize(Policy = DeskPolicies.SignedIn)]
public sealed class EmailsModel(IMediator mediator) : DeskPageModel(mediator)
{
    [BindProperty] public bool Assigned { get; set; }
    [BindProperty] public bool PriorityChanged { get; set; }
    [BindProperty] public bool Closed { get; set; }
    [TempData] public string? Done { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var choices = await Mediator.Send(new GetMailChoices(), ct);
        (Assigned, PriorityChanged, Closed) = (choices.Assigned, choices.PriorityChanged, choices.Closed);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await Mediator.Send(new ChooseMail(Assigned, PriorityChanged, Closed), ct);
        Done = "Your choice of emails is saved.";
        return Redirect("/account/emails");
    }
}
