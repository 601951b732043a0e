using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Domain.Tickets;
using ServiceDesk.Core.Features.Email;
using ServiceDesk.Core.Features.Partnership;
using ServiceDesk.Web.Security;

namespace ServiceDesk.Web.Pages.Portal;

/// <summary>Asks for one catalogue service: a service request.</summary>
[Authorize(Policy = DeskPolicies.CouncilStaff)]
public sealed class RequestServiceModel(IMediator mediator, IOptions<EmailOptions> limits) : TicketForm(mediator, limits)
{
    [BindProperty(SupportsGet = true)] public int ServiceId { get; set; }
    [BindProperty] public int? CategoryId { get; set; }
    [BindProperty] public string? Quantity { get; set; }

    public CatalogueServiceView Service { get; private set; } = null!;

    public override async Task LoadAsync(CancellationToken ct) =>
        Service = (await CatalogueAsync(ct)).FirstOrDefault(s => s.Id == ServiceId)
            ?? throw new NotFoundException($"Catalogue service {ServiceId}");

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        CheckForm(ServiceId);
        int? quantity = null;
        if (Service.UnitCost > 0)
        {
            if (int.TryParse(Quantity, out var wanted) && wanted is >= 1 and <= Ticket.MaxQuantity) quantity = wanted;
            else ModelState.AddModelError("quantity", $"Enter how many you need, a whole number from 1 to {Ticket.MaxQuantity}");
        }
        if (!ModelState.IsValid) return Page();
        return await RaiseAsync(TicketType.ServiceRequest, ServiceId, CategoryId, ct, quantity);
    }
}
