using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ServiceDesk.Core.Access;
using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Features.Tickets;
using ServiceDesk.Web.Security;

namespace ServiceDesk.Web.Pages;

/// <summary>The portal's home for council staff; desk staff go to their queues.</summary>
[Authorize(Policy = DeskPolicies.SignedIn)]
public sealed class IndexModel(IMediator mediator, ViewerLoader viewers) : DeskPageModel(mediator)
{
    public string Name { get; private set; } = "";
    public int OpenCount { get; private set; }
    public int AwaitingYou { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var viewer = await viewers.LoadAsync(ct);
        if (viewer.Person.IsSharedIct) return Redirect("/desk");
        Name = viewer.Person.DisplayName;
        var open = await Mediator.Send(new ListTickets(Status: Queues.OpenStatuses, Requester: "me", PageSize: 1), ct);
        OpenCount = open.Total;
        var waiting = await Mediator.Send(new ListTickets(Status: nameof(TicketStatus.AwaitingCustomer) + "," + nameof(TicketStatus.Resolved), Requester: "me", PageSize: 1), ct);
        AwaitingYou = waiting.Total;
        return Page();
    }
}
