using MediatR;
using Microsoft.AspNetCore.Authorization;
using ServiceDesk.Core.Features.Partnership;
using ServiceDesk.Core.Features.Tickets;
using ServiceDesk.Web.Security;

namespace ServiceDesk.Web.Pages.Approvals;

/// <summary>A council approver's page: their council's open tickets (and, with priced requests, the approvals waiting for them).</summary>
[Authorize(Policy = DeskPolicies.Approver)]
public sealed class IndexModel(IMediator mediator) : DeskPageModel(mediator)
{
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

    public PagedList<TicketSummary> Tickets { get; private set; } = new([], 0, 1, 50);
    public IReadOnlyList<CouncilView> Councils { get; private set; } = [];

    public override async Task LoadAsync(CancellationToken ct)
    {
        // Council people are shown only their own councils.
        Councils = await Mediator.Send(new ListCouncils(), ct);
        Tickets = await Mediator.Send(new ListTickets(Status: Queues.OpenStatuses, Page: Math.Max(1, PageNumber), PageSize: 50, Sort: "sla"), ct);
    }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);
}
