using MediatR;
using Microsoft.AspNetCore.Authorization;
using ServiceDesk.Core.Features.Partnership;
using ServiceDesk.Web.Security;

namespace ServiceDesk.Web.Pages.Portal;

/// <summary>Request something: the catalogue by tier, with each service's cost to the council and whether approval is needed.</summary>
[Authorize(Policy = DeskPolicies.CouncilStaff)]
public sealed class CatalogueModel(IMediator mediator) : DeskPageModel(mediator)
{
    public IReadOnlyList<CatalogueServiceView> Services { get; private set; } = [];

    public override async Task LoadAsync(CancellationToken ct) => Services = await Mediator.Send(new ListCatalogue(), ct);

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);
}
