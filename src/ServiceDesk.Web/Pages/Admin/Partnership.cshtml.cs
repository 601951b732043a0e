using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Authorization;
using ServiceDesk.Core.Features.Partnership;
using ServiceDesk.Web.Security;

namespace ServiceDesk.Web.Pages.Admin;

/// <summary>The partnership as a service manager sees it: councils, catalogue, resolver groups.</summary>
[Authorize(Policy = DeskPolicies.ServiceManager)]
public sealed class PartnershipModel(IMediator mediator) : DeskPageModel(mediator)
{
    public string Section { get; private set; } = "";
    public IReadOnlyList<CouncilView> Councils { get; private set; } = [];
    public IReadOnlyList<CatalogueServiceView> Catalogue { get; private set; } = [];
    public IReadOnlyList<ResolverGroupView> Groups { get; private set; } = [];

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? CouncilCode { get; set; }
    public string? Done => TempData["Done"] as string;

    public override async Task LoadAsync(CancellationToken ct)
    {
        Section = RouteData.Values["section"] as string ?? "councils";
        Councils = await Mediator.Send(new ListCouncils(), ct);
        Catalogue = await Mediator.Send(new ListCatalogue(IncludeRetired: true), ct);
        Groups = await Mediator.Send(new ListResolverGroups(), ct);
    }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    /// <summary>Sets up a resolver group, then opens it to add members.</summary>
    public async Task<IActionResult> OnPostGroupAsync(CancellationToken ct)
    {
        var group = await Mediator.Send(new CreateResolverGroup(Name, CouncilCode), ct);
        TempData["Done"] = $"{group.Name} set up: add its members.";
        return Redirect($"/admin/groups/{group.Id}");
    }
}
