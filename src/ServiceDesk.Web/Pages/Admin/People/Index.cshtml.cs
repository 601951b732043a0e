using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ServiceDesk.Core.Features.Partnership;
using ServiceDesk.Core.Features.People;
using ServiceDesk.Core.Features.Tickets;
using ServiceDesk.Web.Security;

namespace ServiceDesk.Web.Pages.Admin.People;

/// <summary>The people of the desk for service managers: search, filter and page through them.</summary>
[Authorize(Policy = DeskPolicies.ServiceManager)]
public sealed class IndexModel(IMediator mediator) : DeskPageModel(mediator)
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Council { get; set; }
    [BindProperty(SupportsGet = true)] public string? Role { get; set; }
    [BindProperty(SupportsGet = true)] public string? Show { get; set; }

    public PagedList<PersonView> People { get; private set; } = new([], 0, 1, 25);
    public IReadOnlyList<CouncilView> Councils { get; private set; } = [];
    public string? Done => TempData["Done"] as string;

    public override async Task LoadAsync(CancellationToken ct)
    {
        Councils = await Mediator.Send(new ListCouncils(), ct);
        bool? active = Show switch { "active" => true, "deactivated" => false, _ => null };
        People = await FilteredAsync(new ListPeople(Q, Council, string.IsNullOrEmpty(Role) ? null : Role, active, PageNumber, 25), ct) ?? People;
    }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);
}
