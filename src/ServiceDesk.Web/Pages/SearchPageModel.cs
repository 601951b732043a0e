using MediatR;
using Microsoft.AspNetCore.Mvc;
using ServiceDesk.Core.Features.Search;

namespace ServiceDesk.Web.Pages;

/// <summary>
/// A page of full-text search results (the desk's and the portal's): what was typed, the results
/// with their highlighted passages, and where each result opens. A search that cannot be used
/// (nothing typed, over 200 characters, a page past the last) is named in the error summary.
/// </summary>
public abstract class SearchPageModel(IMediator mediator) : DeskPageModel(mediator)
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    public SearchResults? Results { get; private set; }

    /// <summary>Where a ticket opens for this page's readers: the desk's ticket page or the portal's.</summary>
    public abstract string TicketHref(string reference);

    /// <summary>The page's own address, for the search form and the pager.</summary>
    public abstract string Action { get; }

    public override async Task LoadAsync(CancellationToken ct)
    {
        // Opening the page with nothing typed shows the empty form, not an error.
        if (Q is null && !Request.Query.ContainsKey("q")) return;
        Results = await FilteredAsync(new SearchEverything(Q, PageNumber), ct);
    }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);
}
