using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using ServiceDesk.Core.Features.Partnership;
using ServiceDesk.Core.Features.Recharges;

namespace ServiceDesk.Web.Api;

/// <summary>Recharge statements and council subscriptions: what each council pays for.</summary>
public static class RechargesEndpoints
{
    public sealed record SubscriptionRequest(int? ServiceId, DateOnly? StartsOn, decimal? AnnualCost);

    public static RouteGroupBuilder MapRechargesEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/reports/recharges", async Task<Results<Ok<RechargeStatementView>, FileContentHttpResult>> (
                string? council, string? quarter, string? format, IMediator m, CancellationToken ct) =>
            {
                var statement = await m.Send(new GetRechargeStatement(council, quarter), ct);
                if (!string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase)) return TypedResults.Ok(statement);
                return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(RechargeRules.Csv(statement)), "text/csv",
                    $"recharges-{statement.Council.Code}-{statement.Quarter}.csv");
            })
            .WithTags("Reports")
            .WithSummary("A council's recharge statement for a quarter (format=csv for CSV): its apportioned essential base cost, with the figures used, and direct charges.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/councils/{code}/subscriptions", async Task<Ok<IReadOnlyList<SubscriptionView>>> (string code, IMediator m, CancellationToken ct) =>
                TypedResults.Ok(await m.Send(new ListSubscriptions(code), ct)))
            .WithTags("Partnership").WithSummary("A council's subscriptions to enhanced services, with their annual cost.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/councils/{code}/subscriptions", async Task<Created<IReadOnlyList<SubscriptionView>>> (string code, SubscriptionRequest body, IMediator m, CancellationToken ct) =>
                TypedResults.Created($"/api/v1/councils/{code}/subscriptions", await m.Send(new SubscribeCouncil(code, body.ServiceId, body.StartsOn, body.AnnualCost), ct)))
            .WithTags("Partnership").WithSummary("Subscribe a council to an enhanced service (service managers); extended support hours moves it to the extended calendar.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }
}
