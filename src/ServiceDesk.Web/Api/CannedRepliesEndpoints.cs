using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using ServiceDesk.Core.Features.CannedReplies;

namespace ServiceDesk.Web.Api;

/// <summary>Canned replies: snippets with placeholders that agents insert into replies and notes.</summary>
public static class CannedRepliesEndpoints
{
    public sealed record CannedReplyRequest(string? Title, string? Body, int? ResolverGroupId);

    public static RouteGroupBuilder MapCannedRepliesEndpoints(this RouteGroupBuilder api)
    {
        var replies = api.MapGroup("/canned-replies").WithTags("Canned replies");
        replies.MapGet("/", async Task<Ok<IReadOnlyList<CannedReplyView>>> (string? q, int? resolverGroupId, string? ticket, IMediator m, CancellationToken ct) =>
                TypedResults.Ok(await m.Send(new ListCannedReplies(q, resolverGroupId, ticket), ct)))
            .WithSummary("Canned replies, most used first: `q` (words in title or text), `resolverGroupId`, `ticket` (a reference: those usable on it, the partnership's and its group's and yours). Desk staff.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        replies.MapPost("/", async Task<Created<CannedReplyView>> (CannedReplyRequest body, IMediator m, CancellationToken ct) =>
            {
                var view = await m.Send(new SaveCannedReply(null, body.Title, body.Body, body.ResolverGroupId), ct);
                return TypedResults.Created($"/api/v1/canned-replies/{view.Id}", view);
            })
            .WithSummary("Add a canned reply: `title`, `body` (placeholders {first name}, {reference}, {service}, {agent}), `resolverGroupId` (none: partnership-wide, service managers; a group: its lead or a service manager).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        replies.MapPut("/{id:int}", async Task<Ok<CannedReplyView>> (int id, CannedReplyRequest body, IMediator m, CancellationToken ct) =>
                TypedResults.Ok(await m.Send(new SaveCannedReply(id, body.Title, body.Body, body.ResolverGroupId), ct)))
            .WithSummary("Change a canned reply's title and text (its group stays).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        replies.MapDelete("/{id:int}", async Task<NoContent> (int id, IMediator m, CancellationToken ct) =>
            {
                await m.Send(new DeleteCannedReply(id), ct);
                return TypedResults.NoContent();
            })
            .WithSummary("Remove a canned reply.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/tickets/{reference}/canned-replies/{id:int}", async Task<Ok<FilledReply>> (string reference, int id, IMediator m, CancellationToken ct) =>
                TypedResults.Ok(await m.Send(new FillCannedReply(reference, id), ct)))
            .WithTags("Canned replies")
            .WithSummary("A canned reply filled in for the ticket (requester's first name, reference, service, your name), counted as used; send it with /comments.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }
}
