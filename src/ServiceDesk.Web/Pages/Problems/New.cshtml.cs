using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Features.Partnership;
using ServiceDesk.Core.Features.Problems;
using ServiceDesk.Web.Security;

namespace ServiceDesk.Web.Pages.Problems;

/// <summary>
/// Raise a problem by hand: what fails, the service it affects and the incidents it explains. The
/// trends page links here with the service (and category) of a trend filled in.
/// </summary>
[Authorize(Policy = DeskPolicies.SharedIct)]
public sealed class NewModel(IMediator mediator) : DeskPageModel(mediator)
{
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty(SupportsGet = true)] public int? ServiceId { get; set; }
    [BindProperty(SupportsGet = true)] public int? CategoryId { get; set; }
    [BindProperty] public string? Priority { get; set; }
    [BindProperty(SupportsGet = true)] public string? Incidents { get; set; }

    public IReadOnlyList<CatalogueServiceView> Services { get; private set; } = [];

    public string? CategoryName => Services.FirstOrDefault(s => s.Id == ServiceId)?.Categories.FirstOrDefault(c => c.Id == CategoryId)?.Name;

    public override async Task LoadAsync(CancellationToken ct) =>
        Services = (await Mediator.Send(new ListCatalogue(), ct)).OrderBy(s => s.Name, StringComparer.Ordinal).ToList();

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var incidents = IncidentReferences.Parse(Incidents);
        var problem = await Mediator.Send(new RaiseProblem(Title, Description, ServiceId is int id ? [id] : null,
            incidents.Count == 0 ? null : incidents, Priority, CategoryId: CategoryId), ct);
        TempData[nameof(ProblemModel.Done)] = $"{problem.Reference} raised.";
        return Redirect($"/problems/{problem.Reference}");
    }
}
