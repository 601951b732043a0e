using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Features.Email;
using ServiceDesk.Core.Features.Partnership;
using ServiceDesk.Core.Features.Problems;
using ServiceDesk.Web.Security;

namespace ServiceDesk.Web.Pages.Portal;

/// <summary>
/// Report a problem: an incident raised by council staff in their own words. Published workarounds
/// for the chosen service are shown before sending (fetched as the choice changes; shown again with
/// a refused form, and for <c>/report?serviceId=N</c>, without script).
/// </summary>
[Authorize(Policy = DeskPolicies.CouncilStaff)]
public sealed class ReportModel(IMediator mediator, IOptions<EmailOptions> limits) : TicketForm(mediator, limits)
{
    [BindProperty(SupportsGet = true)] public int? ServiceId { get; set; }

    public IReadOnlyList<CatalogueServiceView> Services { get; private set; } = [];
    public IReadOnlyList<KnownErrorView> KnownErrors { get; private set; } = [];

    public override async Task LoadAsync(CancellationToken ct)
    {
        // Problems are reported against the services everyone has; requests go through the catalogue.
        Services = (await CatalogueAsync(ct)).Where(s => s.Tier == ServiceTier.Essential).ToList();
        KnownErrors = await KnownErrorsAsync(ct);
    }

    /// <summary>The published workarounds for the chosen service alone, for the form to show as the choice changes.</summary>
    public async Task<IActionResult> OnGetKnownErrorsAsync(CancellationToken ct) =>
        Partial("_KnownErrors", await KnownErrorsAsync(ct));

    private async Task<IReadOnlyList<KnownErrorView>> KnownErrorsAsync(CancellationToken ct) =>
        ServiceId is int id ? await Mediator.Send(new KnownErrorsFor(id), ct) : [];

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        CheckForm(ServiceId);
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }
        return await RaiseAsync(TicketType.Incident, ServiceId, null, ct);
    }
}
