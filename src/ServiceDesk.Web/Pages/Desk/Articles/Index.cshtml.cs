using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ServiceDesk.Core.Features.Knowledge;
using ServiceDesk.Web.Security;

namespace ServiceDesk.Web.Pages.Desk.Articles;

/// <summary>The knowledge articles in every state, for the shared ICT team to write, publish, retire and review.</summary>
[Authorize(Policy = DeskPolicies.SharedIct)]
public sealed class IndexModel(IMediator mediator, TimeProvider time) : DeskPageModel(mediator)
{
    public DateOnly Today => Core.Domain.Calendars.PartnershipTime.LocalDate(time.GetUtcNow().UtcDateTime);

    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    public ArticleList Articles { get; private set; } = new([], 0, 1, 50);

    public override async Task LoadAsync(CancellationToken ct)
    {
        var status = Status is "Draft" or "Published" or "Retired" ? Status : "Draft,Published,Retired";
        var q = string.IsNullOrWhiteSpace(Q) ? null : Q.Trim()[..Math.Min(Q.Trim().Length, 500)];
        Articles = await Mediator.Send(new ListArticles(q, null, status, PageNumber, 50), ct);
    }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);
}
