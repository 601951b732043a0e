using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ServiceDesk.Core.Features.Partnership;
using ServiceDesk.Web.Security;

namespace ServiceDesk.Web.Pages.Admin;

/// <summary>A service manager staffs a resolver group: adds members, names the lead, takes people out.</summary>
[Authorize(Policy = DeskPolicies.ServiceManager)]
public sealed class GroupModel(IMediator mediator) : DeskPageModel(mediator)
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public bool Lead { get; set; }

    public ResolverGroupView Group { get; private set; } = null!;
    [TempData] public string? Done { get; set; }

    public override async Task LoadAsync(CancellationToken ct) =>
        Group = (await Mediator.Send(new ListResolverGroups(), ct)).FirstOrDefault(g => g.Id == Id)
            ?? throw new Core.Domain.NotFoundException($"Resolver group {Id}");

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        await Mediator.Send(new ChangeGroupMembership(Id, Email, Remove: false, Lead: Lead), ct);
        Done = Lead ? $"{Email} now leads the group." : $"{Email} added.";
        return Redirect($"/admin/groups/{Id}");
    }

    public async Task<IActionResult> OnPostRemoveAsync(CancellationToken ct)
    {
        await Mediator.Send(new ChangeGroupMembership(Id, Email, Remove: true), ct);
        Done = $"{Email} taken out of the group.";
        return Redirect($"/admin/groups/{Id}");
    }
}
