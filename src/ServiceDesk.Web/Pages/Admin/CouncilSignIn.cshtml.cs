using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ServiceDesk.Core.Features.Accounts;
using ServiceDesk.Core.Features.People;
using ServiceDesk.Web.Security;

namespace ServiceDesk.Web.Pages.Admin;

/// <summary>
/// A service manager sets how a council's people sign in (its OpenID Connect provider, and whether
/// desk passwords still work) and the tokens its provisioning service uses (SCIM). SHARED: shared ICT.
/// </summary>
[Authorize(Policy = DeskPolicies.ServiceManager)]
public sealed class CouncilSignInModel(IMediator mediator) : DeskPageModel(mediator)
{
    [BindProperty(SupportsGet = true)] public string Code { get; set; } = "";
    [BindProperty] public string? Authority { get; set; }
    [BindProperty] public string? ClientId { get; set; }
    [BindProperty] public string? ClientSecret { get; set; }
    [BindProperty] public string? EmailClaim { get; set; }
    [BindProperty] public bool PasswordSignIn { get; set; } = true;
    [BindProperty] public string? TokenName { get; set; }
    [BindProperty] public int TokenId { get; set; }

    public SignInProviderView Provider { get; private set; } = null!;
    public IReadOnlyList<ProvisioningTokenView> Tokens { get; private set; } = [];
    public bool IsSharedIct => Code.Equals(PeopleRules.SharedIctCode, StringComparison.OrdinalIgnoreCase);

    /// <summary>A token just created, shown this once.</summary>
    public string? NewToken { get; private set; }

    public string SiteAddress => $"{Request.Scheme}://{Request.Host}";

    public override async Task LoadAsync(CancellationToken ct)
    {
        Provider = await Mediator.Send(new GetSignInProvider(Code), ct);
        if (!IsSharedIct) Tokens = await Mediator.Send(new ListProvisioningTokens(Code), ct);
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Authority = Provider.Authority;
        ClientId = Provider.ClientId;
        EmailClaim = Provider.EmailClaim;
        PasswordSignIn = Provider.PasswordSignIn;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var view = await Mediator.Send(new SaveSignInProvider(Code, Authority, ClientId, ClientSecret, EmailClaim, PasswordSignIn), ct);
        TempData["Done"] = $"Sign-in for {view.CouncilName} saved.";
        return Redirect($"/admin/councils/{view.Council}/sign-in");
    }

    public async Task<IActionResult> OnPostRemoveAsync(CancellationToken ct)
    {
        var view = await Mediator.Send(new RemoveSignInProvider(Code), ct);
        TempData["Done"] = $"{view.CouncilName} no longer signs in with its own provider; desk passwords work again.";
        return Redirect($"/admin/councils/{view.Council}/sign-in");
    }

    public async Task<IActionResult> OnPostTokenAsync(CancellationToken ct)
    {
        var created = await Mediator.Send(new CreateProvisioningToken(Code, TokenName), ct);
        await LoadAsync(ct);
        NewToken = created.Token;
        ModelState.Clear();
        Authority = Provider.Authority;
        ClientId = Provider.ClientId;
        EmailClaim = Provider.EmailClaim;
        PasswordSignIn = Provider.PasswordSignIn;
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(CancellationToken ct)
    {
        var revoked = await Mediator.Send(new RevokeProvisioningToken(Code, TokenId), ct);
        TempData["Done"] = $"The token '{revoked.Name}' is revoked: provisioning with it stops at once.";
        return Redirect($"/admin/councils/{Code.ToUpperInvariant()}/sign-in");
    }
}
