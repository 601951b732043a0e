using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ServiceDesk.Core.Features.Partnership;
using ServiceDesk.Core.Features.People;
using ServiceDesk.Web.Security;

namespace ServiceDesk.Web.Pages.Admin.People;

/// <summary>A service manager adds a person or changes one: whom they work for, their roles, and whether they may sign in.</summary>
[Authorize(Policy = DeskPolicies.ServiceManager)]
public sealed class PersonModel(IMediator mediator) : DeskPageModel(mediator)
{
    [BindProperty(SupportsGet = true)] public int? Id { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Phone { get; set; }

    /// <summary>The main council's code, or <see cref="PeopleRules.SharedIctCode"/>.</summary>
    [BindProperty] public string? MainCouncil { get; set; }
    [BindProperty] public List<string> OtherCouncils { get; set; } = [];
    [BindProperty] public List<string> ApproverFor { get; set; } = [];
    [BindProperty] public List<string> Roles { get; set; } = [];

    public PersonView? Person { get; private set; }
    public IReadOnlyList<CouncilView> Councils { get; private set; } = [];
    public string? Done => TempData["Done"] as string;

    public override async Task LoadAsync(CancellationToken ct)
    {
        Councils = (await Mediator.Send(new ListCouncils(), ct)).Where(c => c.WithdrawnAt is null || Person?.Councils.Contains(c.Code) == true).ToList();
        if (Id is int id) Person = await Mediator.Send(new GetPerson(id), ct);
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Person is not { } p) return;
        Name = p.Name;
        Email = p.Email;
        Phone = p.Phone;
        MainCouncil = p.MainCouncil ?? PeopleRules.SharedIctCode;
        OtherCouncils = p.Councils.Where(c => c != p.MainCouncil).ToList();
        ApproverFor = [.. p.ApproverFor];
        Roles = [.. p.Roles];
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var councils = string.IsNullOrEmpty(MainCouncil) || MainCouncil == PeopleRules.SharedIctCode
            ? []
            : new[] { MainCouncil }.Concat(OtherCouncils.Where(c => c != MainCouncil)).ToList();
        var roles = Roles.Where(r => r is not ("Approver" or "ResolverGroupMember")).Append("Requester").ToList();
        if (ApproverFor.Count > 0) roles.Add("Approver");
        var view = await Mediator.Send(new SavePerson(Id, Name, Email, councils, roles, ApproverFor, Phone ?? ""), ct);
        TempData["Done"] = Id is null ? $"{view.Name} added and invited by email to choose a password." : $"{view.Name} saved.";
        return Redirect(Id is null ? "/admin/people" : $"/admin/people/{view.Id}");
    }

    public async Task<IActionResult> OnPostActiveAsync(bool active, CancellationToken ct)
    {
        var view = await Mediator.Send(new SetPersonActive(Id ?? 0, active), ct);
        TempData["Done"] = active ? $"{view.Name} can sign in again." : $"{view.Name} is deactivated and signed out everywhere.";
        return Redirect($"/admin/people/{view.Id}");
    }
}
