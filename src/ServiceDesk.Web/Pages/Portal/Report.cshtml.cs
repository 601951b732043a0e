using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Features.Email;
using ServiceDesk.Core.Features.Partnership;
using ServiceDesk.Web.Security;

namespace ServiceDesk.Web.Pages.Portal;

/// <summary>Report a problem: an incident raised by council staff in their own words.</summary>
[Authorize(Policy = DeskPolicies.CouncilStaff)]
public sealed class ReportModel(IMediator mediator, IOptions<EmailOptions> limits) : TicketForm(mediator, limits)
{
    [BindProperty] public int? ServiceId { get; set; }

    public IReadOnlyList<CatalogueServiceView> Services { get; private set; } = [];

    public override async Task LoadAsync(CancellationToken ct) =>
        // Problems are reported against the services everyone has; requests go through the catalogue.
        Services = (await CatalogueAsync(ct)).Where(s => s.Tier == ServiceTier.Essential).ToList();

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
