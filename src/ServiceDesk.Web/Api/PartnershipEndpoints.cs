using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using ServiceDesk.Core.Features.Partnership;

namespace ServiceDesk.Web.Api;

/// <summary>Who am I, and the partnership's councils, catalogue and resolver groups.</summary>
public static class PartnershipEndpoints
{
    public static RouteGroupBuilder MapPartnershipEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/me", async Task<Ok<MeView>> (IMediator m, CancellationToken ct) => TypedResults.Ok(await m.Send(new GetMe(), ct)))
            .WithTags("Partnership").WithSummary("The signed-in person, their roles and councils.");
        api.MapGet("/councils", async Task<Ok<IReadOnlyList<CouncilView>>> (IMediator m, CancellationToken ct) => TypedResults.Ok(await m.Send(new ListCouncils(), ct)))
            .WithTags("Partnership").WithSummary("The councils you may see.");
        api.MapGet("/catalogue", async Task<Ok<IReadOnlyList<CatalogueServiceView>>> (IMediator m, CancellationToken ct) => TypedResults.Ok(await m.Send(new ListCatalogue(), ct)))
            .WithTags("Partnership").WithSummary("The tiered service catalogue with unit costs and whether approval is needed.");
        api.MapGet("/resolver-groups", async Task<Ok<IReadOnlyList<ResolverGroupView>>> (IMediator m, CancellationToken ct) => TypedResults.Ok(await m.Send(new ListResolverGroups(), ct)))
            .WithTags("Partnership").WithSummary("Resolver groups: partnership-wide and per council.");
        return api;
    }
}
