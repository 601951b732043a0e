using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using ServiceDesk.Core.Features.Partnership;

namespace ServiceDesk.Web.Api;

/// <summary>The first run of an empty desk: the one-time setup token names the partnership and creates its first service manager.</summary>
public static class SetupEndpoints
{
    public sealed record SetupRequest(string? Token, string? PartnershipName, string? Name, string? Email, string? Password);

    public static RouteGroupBuilder MapSetupEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/setup", async Task<Created> (SetupRequest body, IMediator m, CancellationToken ct) =>
            {
                await m.Send(new SetUpPartnership(body.Token, body.PartnershipName, body.Name, body.Email, body.Password), ct);
                return TypedResults.Created("/api/v1/me");
            })
            .AllowAnonymous().WithTags("Setup")
            .WithSummary("First run: `token` (from the desk's log), `partnershipName`, and the first service manager's `name`, `email` and `password`; works once, then 404.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }
}
