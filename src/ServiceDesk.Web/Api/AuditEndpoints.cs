using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using ServiceDesk.Core.Features.Audit;
using ServiceDesk.Core.Features.Tickets;

namespace ServiceDesk.Web.Api;

/// <summary>The append-only audit list of administrative changes, for service managers.</summary>
public static class AuditEndpoints
{
    public static RouteGroupBuilder MapAuditEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", async Task<Ok<PagedList<AuditEntryView>>> (
                string? entityType, string? actor, string? q, DateOnly? from, DateOnly? to, int? page, int? pageSize, IMediator m, CancellationToken ct) =>
                TypedResults.Ok(await m.Send(new ListAuditEntries(entityType, actor, q, from, to, page, pageSize), ct)))
            .WithTags("Audit")
            .WithSummary("Administrative changes, newest first: entityType, actor (email), q (words in the key, summary or values), from and to (dates, Europe/London), page, pageSize (service managers).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }
}
