using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using ServiceDesk.Core.Features.Email;
using ServiceDesk.Core.Features.Tickets;

namespace ServiceDesk.Web.Api;

/// <summary>The desk's mailbox as agents see it: unmatched and failed mail, originals, and ticket attachments.</summary>
public static class MailEndpoints
{
    public sealed record TicketFromMailRequest(string? RequesterEmail, int? ServiceId, string? Impact, string? Urgency);
    public sealed record AddToTicketRequest(string? TicketReference);

    public static RouteGroupBuilder MapMailEndpoints(this RouteGroupBuilder api)
    {
        var mail = api.MapGroup("/mail").WithTags("Mail");
        mail.MapGet("/", async Task<Ok<PagedList<MailView>>> (string? status, string? from, string? since, string? until, string? q, int? page, int? pageSize,
                IMediator m, CancellationToken ct) =>
            TypedResults.Ok(await m.Send(new ListMail(status, from, since, until, q, page, pageSize), ct)))
            .WithSummary("Mail for the desk to look at, newest first, paged: Unmatched and Failed by default (status: a comma list, e.g. Automatic); "
                + "from (sender), since and until (received, yyyy-mm-dd), q (subject, sender, text, reason).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        mail.MapPost("/{id:long}/ticket", async Task<Created<TicketView>> (long id, TicketFromMailRequest body, IMediator m, CancellationToken ct) =>
        {
            var view = await m.Send(new TicketFromMail(id, body.RequesterEmail, body.ServiceId, body.Impact, body.Urgency), ct);
            return TypedResults.Created($"/api/v1/tickets/{view.Reference}", view);
        })
            .WithSummary("Turn an unmatched email into a ticket for a council's requester.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        mail.MapPost("/{id:long}/add-to-ticket", async Task<Ok<TicketView>> (long id, AddToTicketRequest body, IMediator m, CancellationToken ct) =>
            TypedResults.Ok(await m.Send(new AddMailToTicket(id, body.TicketReference), ct)))
            .WithSummary("Add an unmatched or failed email to an existing ticket as its requester's reply.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        mail.MapPost("/{id:long}/discard", async Task<Ok<MailView>> (long id, IMediator m, CancellationToken ct) =>
            TypedResults.Ok(await m.Send(new DiscardMail(id), ct)))
            .WithSummary("Let an unmatched or failed email go (it stays on record).")
            .ProducesProblem(StatusCodes.Status409Conflict);
        mail.MapGet("/{id:long}/original", async Task<FileContentHttpResult> (long id, IMediator m, CancellationToken ct) =>
        {
            var (name, raw) = await m.Send(new GetMailOriginal(id), ct);
            return TypedResults.File(raw, "message/rfc822", name);
        })
            .WithSummary("The original email, whole (shared ICT staff).")
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/tickets/{reference}/attachments/{id:long}", async Task<FileContentHttpResult> (string reference, long id, IMediator m, CancellationToken ct) =>
        {
            var (name, type, content) = await m.Send(new GetAttachment(reference, id), ct);
            // Served as a download, never rendered in the desk's own origin.
            return TypedResults.File(content, type.StartsWith("image/", StringComparison.Ordinal) ? type : "application/octet-stream", name);
        })
            .WithTags("Tickets").WithSummary("A file attached to a ticket you may see.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }
}
