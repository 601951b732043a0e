using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using ServiceDesk.Core.Features.Search;

namespace ServiceDesk.Web.Api;

/// <summary>Full-text search across the tickets, replies, notes and mail the caller may see.</summary>
public static class SearchEndpoints
{
    public static RouteGroupBuilder MapSearchEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/search", async Task<Ok<SearchResults>> (string? q, int? page, int? pageSize, IMediator m, CancellationToken ct) =>
                TypedResults.Ok(await m.Send(new SearchEverything(q, page, pageSize), ct)))
            .WithTags("Search")
            .WithSummary("Full-text search (q, every word must appear, each also as the start of a word; a ticket reference finds that ticket) across the " +
                "tickets you may see, their replies, internal notes where you work the ticket, and, for shared ICT, received mail; best first, " +
                "a page at a time (page, pageSize up to 100; the first 1,000 results). Each result's snippet is in parts, match=true for a word found.")
            .ProducesValidationProblem();
        return api;
    }
}
