using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using ServiceDesk.Core.Features.Privacy;

namespace ServiceDesk.Web.Api;

/// <summary>Data protection (service managers): the retention schedule, a person's access export and erasure.</summary>
public static class PrivacyEndpoints
{
    public sealed record RetentionRequest(int? Years);

    public static RouteGroupBuilder MapPrivacyEndpoints(this RouteGroupBuilder api)
    {
        var privacy = api.MapGroup("/privacy").WithTags("Data protection");
        privacy.MapGet("/retention", async Task<Ok<IReadOnlyList<RetentionPreview>>> (IMediator m, CancellationToken ct) =>
                TypedResults.Ok(await m.Send(new GetRetentionPreview(), ct)))
            .WithSummary("Each council's retention period and what the next retention run will anonymise.")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        privacy.MapPut("/retention/{council}", async Task<Ok<RetentionPreview>> (string council, RetentionRequest body, IMediator m, CancellationToken ct) =>
                TypedResults.Ok(await m.Send(new SetRetention(council, body.Years), ct)))
            .WithSummary("Set a council's retention period in years (1 to 100).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        privacy.MapGet("/people/{email}/export", async Task<FileContentHttpResult> (string email, IMediator m, CancellationToken ct) =>
            {
                var export = await m.Send(new ExportPersonalData(email), ct);
                return TypedResults.File(export.Zip, "application/zip", export.FileName);
            })
            .WithSummary("Everything held about one person (right of access): a ZIP of JSON and CSV files.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        privacy.MapPost("/people/{email}/erase", async Task<Ok<ErasureResult>> (string email, IMediator m, CancellationToken ct) =>
                TypedResults.Ok(await m.Send(new ErasePerson(email), ct)))
            .WithSummary("Erase one person's personal data on request (anonymised with the retention rules; recorded on the audit list).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }
}
