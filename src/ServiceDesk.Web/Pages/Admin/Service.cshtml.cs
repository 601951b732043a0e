using System.Globalization;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ServiceDesk.Core.Features.Partnership;
using ServiceDesk.Web.Security;

namespace ServiceDesk.Web.Pages.Admin;

/// <summary>A service manager adds a catalogue service or changes one (tier, cost, resolver group, categories, retired).</summary>
[Authorize(Policy = DeskPolicies.ServiceManager)]
public sealed class ServiceModel(IMediator mediator) : DeskPageModel(mediator)
{
    [BindProperty(SupportsGet = true)] public string Id { get; set; } = "new";
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public string? Tier { get; set; }
    [BindProperty] public string? UnitCost { get; set; }
    [BindProperty] public int? DefaultResolverGroupId { get; set; }
    [BindProperty] public bool Retired { get; set; }
    [BindProperty] public string? NewCategories { get; set; }

    public CatalogueServiceView? Service { get; private set; }
    public IReadOnlyList<ResolverGroupView> Groups { get; private set; } = [];
    public bool IsNew => Id == "new";

    public override async Task LoadAsync(CancellationToken ct)
    {
        Groups = (await Mediator.Send(new ListResolverGroups(), ct)).Where(g => g.CouncilCode is null).ToList();
        if (IsNew) return;
        // The route takes any segment (a route regex here once matched nothing): anything but "new" or a number is not a service.
        if (!int.TryParse(Id, NumberStyles.None, CultureInfo.InvariantCulture, out _)) throw new Core.Domain.NotFoundException($"Catalogue service {Id}");
        Service = (await Mediator.Send(new ListCatalogue(IncludeRetired: true), ct)).FirstOrDefault(s => s.Id.ToString(CultureInfo.InvariantCulture) == Id)
            ?? throw new Core.Domain.NotFoundException($"Catalogue service {Id}");
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Service is not { } s) return;
        (Name, Description, Tier, UnitCost, DefaultResolverGroupId, Retired) =
            (s.Name, s.Description, s.Tier.ToString(), s.UnitCost.ToString("0.00", CultureInfo.InvariantCulture), s.DefaultResolverGroupId, !s.Active);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        decimal? cost = null;
        if (decimal.TryParse((UnitCost ?? "").Trim().TrimStart('£'), NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed)) cost = parsed;
        else if (!string.IsNullOrWhiteSpace(UnitCost)) ModelState.AddModelError("unitCost", "Unit cost must be an amount in pounds, like 120 or 99.50");
        if (!ModelState.IsValid) return Page();
        var view = await Mediator.Send(new SaveCatalogueService(Service?.Id, Name, Description, Tier, cost, DefaultResolverGroupId, !Retired,
            CouncilModel.Lines(NewCategories)), ct);
        TempData["Done"] = $"{view.Name} saved.";
        return Redirect("/admin/catalogue");
    }
}
