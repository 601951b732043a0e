using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Features.Email;
using ServiceDesk.Core.Features.Knowledge;
using ServiceDesk.Core.Features.Partnership;
using ServiceDesk.Core.Features.Problems;
using ServiceDesk.Web.Security;

namespace ServiceDesk.Web.Pages.Portal;

/// <summary>
/// Report a problem: an incident raised by council staff in their own words. Published workarounds
/// for the chosen service are shown before sending (fetched as the choice changes; shown again with
/// a refused form, and for <c>/report?serviceId=N</c>, without script). Articles that match what the
/// requester types are offered as they type (with script) or after the first send, before any ticket is
/// raised (without); "This solved it" records a deflected contact instead of a ticket.
/// </summary>
[Authorize(Policy = DeskPolicies.CouncilStaff)]
public sealed class ReportModel(IMediator mediator, IOptions<EmailOptions> limits) : TicketForm(mediator, limits)
{
    [BindProperty(SupportsGet = true)] public int? ServiceId { get; set; }

    public IReadOnlyList<CatalogueServiceView> Services { get; private set; } = [];
    public IReadOnlyList<KnownErrorView> KnownErrors { get; private set; } = [];

    /// <summary>Set once the requester has been offered matching articles (by the script, or by a first send).</summary>
    [BindProperty] public bool SuggestionsShown { get; set; }

    /// <summary>The article the requester says solved their problem.</summary>
    [BindProperty] public string? ArticleReference { get; set; }

    public ArticleList Suggestions { get; private set; } = new([], 0, 1, 3);

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

    /// <summary>The best matching articles for what has been typed so far, for the form to show as the requester types.</summary>
    public async Task<IActionResult> OnGetSuggestionsAsync(string? text, CancellationToken ct) =>
        Partial("_Suggestions", await SuggestAsync(text, ct));

    private async Task<ArticleList> SuggestAsync(string? text, CancellationToken ct) =>
        await Mediator.Send(new SuggestArticles(text is { Length: > 2000 } ? text[..2000] : text), ct);

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    /// <summary>"This solved it": a deflected contact, no ticket.</summary>
    public async Task<IActionResult> OnPostSolvedAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(ArticleReference)) return await OnPostAsync(ct);
        var summary = string.Join("\n\n", new[] { Title, Description }.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t!.Trim()));
        var deflected = await Mediator.Send(new RecordDeflectedContact(ArticleReference.Trim(), summary.Length > Core.TextRules.DescriptionMax ? summary[..Core.TextRules.DescriptionMax] : summary), ct);
        TempData["Solved"] = true;
        return Redirect($"/help/{deflected.Article}");
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        CheckForm(ServiceId);
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }
        // Without script, matching articles are offered once before the ticket is raised (not when files
        // are attached: they would have to be chosen again).
        if (!SuggestionsShown && !Files.Any(f => f.Length > 0))
        {
            SuggestionsShown = true;
            Suggestions = await SuggestAsync($"{Title} {Description}", ct);
            if (Suggestions.Items.Count > 0)
            {
                await LoadAsync(ct);
                return Page();
            }
        }
        return await RaiseAsync(TicketType.Incident, ServiceId, null, ct);
    }
}
