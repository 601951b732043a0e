using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Features.Knowledge;
using ServiceDesk.Core.Features.Partnership;
using ServiceDesk.Web.Security;

namespace ServiceDesk.Web.Pages.Help;

/// <summary>
/// Help and guidance: search the articles the reader may see (ranked, mistyped words corrected) or
/// browse them by service.
/// </summary>
[Authorize(Policy = DeskPolicies.SignedIn)]
public sealed class IndexModel(IMediator mediator) : DeskPageModel(mediator)
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public int? ServiceId { get; set; }

    public ArticleList? Results { get; private set; }
    public string? ServiceName { get; private set; }
    public IReadOnlyList<CatalogueServiceView> Services { get; private set; } = [];

    public bool Searching => !string.IsNullOrWhiteSpace(Q) || ServiceId is not null;

    public override async Task LoadAsync(CancellationToken ct)
    {
        Services = (await Mediator.Send(new ListCatalogue(), ct)).Where(s => s.Tier == ServiceTier.Essential).ToList();
        ServiceName = Services.FirstOrDefault(s => s.Id == ServiceId)?.Name;
        if (Searching)
            Results = await Mediator.Send(new ListArticles(string.IsNullOrWhiteSpace(Q) ? null : Q.Trim()[..Math.Min(Q.Trim().Length, 500)], ServiceId, null, PageNumber, PageSize), ct);
    }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);
}
