using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ServiceDesk.Core.Features.Partnership;
using ServiceDesk.Core.Features.Sla;
using ServiceDesk.Web.Security;

namespace ServiceDesk.Web.Pages.Admin;

/// <summary>A service manager staffs a resolver group: adds members, names the lead, takes people out.</summary>
[Authorize(Policy = DeskPolicies.ServiceManager)]
public sealed class GroupModel(IMediator mediator) : DeskPageModel(mediator)
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public bool Lead { get; set; }

    [BindProperty] public string? Priority { get; set; }
    [BindProperty] public int? ResponseAmount { get; set; }
    [BindProperty] public string? ResponseUnit { get; set; }
    [BindProperty] public int? ResolutionAmount { get; set; }
    [BindProperty] public string? ResolutionUnit { get; set; }

    public ResolverGroupView Group { get; private set; } = null!;
    public IReadOnlyList<OlaTargetView> Ola { get; private set; } = [];
    [TempData] public string? Done { get; set; }

    public override async Task LoadAsync(CancellationToken ct)
    {
        Group = (await Mediator.Send(new ListResolverGroups(), ct)).FirstOrDefault(g => g.Id == Id)
            ?? throw new Core.Domain.NotFoundException($"Resolver group {Id}");
        Ola = await Mediator.Send(new ListOlaTargets(Id), ct);
    }

    /// <summary>Changes the group's OLA for one priority; open tickets are recomputed.</summary>
    public async Task<IActionResult> OnPostOlaAsync(CancellationToken ct)
    {
        var view = await Mediator.Send(new ChangeOlaTarget(Id, Priority ?? "",
            new TargetInput(ResponseAmount, ResponseUnit), new TargetInput(ResolutionAmount, ResolutionUnit)), ct);
        Done = $"OLA for {view.Priority} changed; open tickets' clocks are being recalculated.";
        return Redirect($"/admin/groups/{Id}");
    }

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
