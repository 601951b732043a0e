using MediatR;
using ServiceDesk.Core.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using ServiceDesk.Core.Features.Tickets;

namespace ServiceDesk.Web.Api;

/// <summary>Tickets: raise, list, read, and every lifecycle action. Each ticket response carries its ETag.</summary>
public static class TicketsEndpoints
{
    public sealed record RaiseTicketRequest(
        string? Type, string? Title, string? Description, int? ServiceId, int? CategoryId, string? Impact,
        string? Urgency, string? RequesterEmail, string? Channel, string? CouncilCode, int? Quantity);
    public sealed record AssignRequest(int? ResolverGroupId, string? AssigneeEmail);
    public sealed record CommentRequest(string? Body, bool? Internal);
    public sealed record StatusRequest(string? Status, string? Resolution, bool? FirstContact = null);
    public sealed record OutageRequest(DateTime? OutageStartedAt, DateTime? OutageEndedAt, int[]? ServiceIds = null);
    public sealed record ReopenRequest(string? Reason);
    public sealed record PriorityRequest(string? Impact, string? Urgency);
    public sealed record RatingRequest(int? Rating, string? Comment);
    public sealed record LinkRequest(string? Ticket, string? Kind);
    public sealed record OtherTicketRequest(string? Ticket);
    public sealed record MergeRequest(string? Into);
    public sealed record UpdateRequest(string? Body);

    public static RouteGroupBuilder MapTicketsEndpoints(this RouteGroupBuilder api)
    {
        var tickets = api.MapGroup("/tickets").WithTags("Tickets");

        tickets.MapPost("/", async Task<Created<TicketView>> (RaiseTicketRequest body, IMediator m, HttpResponse response, CancellationToken ct) =>
        {
            var view = await m.Send(new RaiseTicket(body.Type, body.Title, body.Description, body.ServiceId, body.CategoryId,
                body.Impact, body.Urgency, body.RequesterEmail, body.Channel, body.CouncilCode, body.Quantity), ct);
            Versioning.SetETag(response, view.Version);
            return TypedResults.Created($"/api/v1/tickets/{view.Reference}", view);
        })
        .WithSummary("Raise an incident or service request (agents may log one for a requester).")
        .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);

        tickets.MapGet("/", async Task<Ok<PagedList<TicketSummary>>> (
            string? status, string? council, int? resolverGroupId, string? assignee, string? owner, string? priority,
            string? q, int? page, int? pageSize, string? sort, string? slaState, string? requester, bool? awaitingApproval, string? cursor, IMediator m, CancellationToken ct) =>
            TypedResults.Ok(await m.Send(new ListTickets(status, council, resolverGroupId, assignee, owner, priority, q, page, pageSize, sort, slaState, requester, awaitingApproval, cursor), ct)))
        .WithSummary("Tickets you may see, filtered and paged by cursor (next, previous); total counts only those, up to 10,000 (totalIsCapped past it).")
        .ProducesValidationProblem();

        tickets.MapGet("/{reference}", async Task<Ok<TicketView>> (string reference, IMediator m, HttpResponse response, CancellationToken ct) =>
            WithETag(response, await m.Send(new GetTicket(reference), ct)))
        .WithSummary("A ticket with its conversation (internal notes for desk staff only).")
        .ProducesProblem(StatusCodes.Status404NotFound);

        tickets.MapGet("/{reference}/history", async Task<Ok<IReadOnlyList<HistoryView>>> (string reference, IMediator m, CancellationToken ct) =>
            TypedResults.Ok(await m.Send(new GetTicketHistory(reference), ct)))
        .WithSummary("The ticket's append-only history: who changed what, when, from and to.")
        .ProducesProblem(StatusCodes.Status404NotFound);

        MapAction<object?>(tickets, "/{reference}/take", "Take ownership (desk agents).",
            (r, _, v) => new TakeTicket(r, v), allowEmptyBody: true);
        MapAction<AssignRequest>(tickets, "/{reference}/assign", "Assign to a resolver group and optionally one of its members.",
            (r, b, v) => new AssignTicket(r, b.ResolverGroupId, b.AssigneeEmail, v));
        MapAction<CommentRequest>(tickets, "/{reference}/comments", "Add a public reply, or an internal note (desk staff).",
            (r, b, v) => new AddComment(r, b.Body, b.Internal ?? false, v));
        MapAction<StatusRequest>(tickets, "/{reference}/status", "Change status; Resolved needs a resolution note.",
            (r, b, v) => new ChangeTicketStatus(r, b.Status, b.Resolution, v, b.FirstContact ?? false));
        MapAction<OutageRequest>(tickets, "/{reference}/outage", "Record the service outage of a P1 or major incident: outageStartedAt and, once over, outageEndedAt (UTC); serviceIds, the services affected (the ticket's own if none).",
            (r, b, v) => new RecordOutage(r, b.OutageStartedAt, b.OutageEndedAt, v, b.ServiceIds));
        MapAction<PriorityRequest>(tickets, "/{reference}/priority", "Change impact and urgency; the priority follows the matrix.",
            (r, b, v) => new ReprioritiseTicket(r, b.Impact, b.Urgency, v));
        MapAction<ReopenRequest>(tickets, "/{reference}/reopen", "Reopen a resolved ticket within five business days.",
            (r, b, v) => new ReopenTicket(r, b.Reason, v));
        MapAction<object?>(tickets, "/{reference}/close", "Confirm a resolution and close the ticket.",
            (r, _, v) => new CloseTicket(r, v), allowEmptyBody: true);
        MapAction<RatingRequest>(tickets, "/{reference}/rating", "The requester rates a resolved ticket 1–5, with an optional comment.",
            (r, b, _) => new RateTicket(r, b.Rating, b.Comment));
        MapAction<LinkRequest>(tickets, "/{reference}/links", "Link to another ticket you can see: kind RelatesTo or DuplicateOf.",
            (r, b, v) => new LinkTicket(r, b.Ticket, b.Kind, v));
        MapAction<OtherTicketRequest>(tickets, "/{reference}/unlink", "Remove the link to another ticket, whichever side it was made from.",
            (r, b, v) => new UnlinkTicket(r, b.Ticket, v));
        MapAction<MergeRequest>(tickets, "/{reference}/merge", "Merge this duplicate into its original (same council): conversation and followers move, the requester is told, this ticket closes.",
            (r, b, v) => new MergeTicket(r, b.Into, v));
        MapAction<object?>(tickets, "/{reference}/major-incident", "Declare this incident a major incident (shared ICT): a parent for the incidents of every council affected, on the 24×7 calendar.",
            (r, _, v) => new DeclareMajorIncident(r, v), allowEmptyBody: true);
        MapAction<OtherTicketRequest>(tickets, "/{reference}/children", "Attach an incident to this major incident (shared ICT).",
            (r, b, v) => new AttachToMajorIncident(r, b.Ticket, Detach: false, v));
        MapAction<OtherTicketRequest>(tickets, "/{reference}/children/remove", "Detach an incident from this major incident (shared ICT).",
            (r, b, v) => new AttachToMajorIncident(r, b.Ticket, Detach: true, v));
        MapAction<UpdateRequest>(tickets, "/{reference}/major-incident/updates", "A public update on a major incident: it reaches every child's requester, on their own ticket and by email.",
            (r, b, v) => new PublishMajorIncidentUpdate(r, b.Body, v));

        tickets.MapPost("/{reference}/attachments", async Task<Ok<TicketView>> (string reference, HttpRequest request, IMediator m, CancellationToken ct) =>
            {
                var file = await Uploads.FileAsync(request, ct);
                using var content = new MemoryStream();
                await file.CopyToAsync(content, ct);
                return WithETag(request.HttpContext.Response, await m.Send(new AttachFile(reference, file.FileName, file.ContentType, content.ToArray()), ct));
            })
            .Accepts<IFormFile>("multipart/form-data")
            .DisableAntiforgery()
            .WithSummary("Add a file (multipart/form-data, field 'file'); executables and files over the size limit are refused.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static Ok<TicketView> WithETag(HttpResponse response, TicketView view)
    {
        Versioning.SetETag(response, view.Version);
        return TypedResults.Ok(view);
    }

    /// <summary>Every state change has the same shape: POST, optional If-Match, answer the fresh ticket with its ETag.</summary>
    private static void MapAction<TBody>(RouteGroupBuilder group, string pattern, string summary,
        Func<string, TBody, int?, IRequest<TicketView>> command, bool allowEmptyBody = false)
    {
        RouteHandlerBuilder builder = allowEmptyBody
            ? group.MapPost(pattern, async Task<Ok<TicketView>> (string reference, HttpRequest request, IMediator m, CancellationToken ct) =>
                WithETag(request.HttpContext.Response, await m.Send(command(reference, default!, Versioning.ExpectedVersion(request)), ct)))
            : group.MapPost(pattern, async Task<Ok<TicketView>> (string reference, TBody body, HttpRequest request, IMediator m, CancellationToken ct) =>
                WithETag(request.HttpContext.Response, await m.Send(command(reference, body, Versioning.ExpectedVersion(request)), ct)));
        builder.WithSummary(summary)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
    }
}
