using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using ServiceDesk.Core.Features.People;
using ServiceDesk.Core.Features.Satisfaction;
using ServiceDesk.Core.Features.Tickets;

namespace ServiceDesk.Web.Api;

/// <summary>Phone calls and callers for the desk; each person's choice of emails; one-click rating links from resolution emails.</summary>
public static class DeskToolsEndpoints
{
    public sealed record PhoneCallRequest(
        string? Type, string? Title, string? Description, int? ServiceId, int? CategoryId, string? Impact, string? Urgency,
        string? RequesterEmail, string? RequesterName, string? Phone, string? CouncilCode, bool? ResolvedOnFirstContact, string? Resolution);
    public sealed record MailChoicesRequest(bool? Assigned, bool? PriorityChanged, bool? Closed);
    public sealed record RatingLinkRequest(int? Rating, string? Comment);

    public static RouteGroupBuilder MapDeskToolsEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/callers", async Task<Ok<IReadOnlyList<CallerView>>> (string? q, IMediator m, CancellationToken ct) =>
                TypedResults.Ok(await m.Send(new FindCallers(q), ct)))
            .WithTags("Phone calls")
            .WithSummary("Callers whose name, email address or phone number contains `q` (at least 2 characters), with their councils, open and recent tickets; only councils and tickets you may see. Desk staff.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);

        api.MapPost("/phone-calls", async Task<Created<TicketView>> (PhoneCallRequest body, IMediator m, HttpResponse response, CancellationToken ct) =>
            {
                var view = await m.Send(new LogPhoneCall(body.Type, body.Title, body.Description, body.ServiceId, body.CategoryId, body.Impact, body.Urgency,
                    body.RequesterEmail, body.RequesterName, body.Phone, body.CouncilCode, body.ResolvedOnFirstContact ?? false, body.Resolution), ct);
                Versioning.SetETag(response, view.Version);
                return TypedResults.Created($"/api/v1/tickets/{view.Reference}", view);
            })
            .WithTags("Phone calls")
            .WithSummary("Log a phone call as a ticket with channel Phone (type defaults to Incident): a caller the desk has not met is enrolled in the council of their mail domain with `requesterName`; `phone` is kept on the caller; `resolvedOnFirstContact` with a `resolution` resolves it at once, counted as first-contact resolution. Agents for anyone; members of a council's own resolver group for their own councils' people (they follow the ticket, and resolve at once only what goes to their group).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);

        var me = api.MapGroup("/me/mail").WithTags("Emails");
        me.MapGet("/", async Task<Ok<MailChoicesView>> (IMediator m, CancellationToken ct) => TypedResults.Ok(await m.Send(new GetMailChoices(), ct)))
            .WithSummary("Which optional ticket emails you receive (assigned to another group, priority changed, closed). Replies, waiting-for-your-reply and resolution emails always go.");
        me.MapPut("/", async Task<Ok<MailChoicesView>> (MailChoicesRequest body, IMediator m, CancellationToken ct) =>
                TypedResults.Ok(await m.Send(new ChooseMail(body.Assigned, body.PriorityChanged, body.Closed), ct)))
            .WithSummary("Turn optional ticket emails on (true) or off (false); a choice left out stays as it was.")
            .ProducesValidationProblem();

        var links = api.MapGroup("/rating-links").WithTags("Satisfaction").AllowAnonymous();
        links.MapGet("/{token}", async Task<Ok<RatingLinkView>> (string token, IMediator m, CancellationToken ct) =>
                TypedResults.Ok(await m.Send(new ReadRatingLink(token), ct)))
            .WithSummary("What a rating link from a resolution email is for, and whether it still works (state Ready, Used or Expired). Changes nothing.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        links.MapPost("/{token}", async Task<Ok<RatingLinkView>> (string token, RatingLinkRequest body, IMediator m, CancellationToken ct) =>
                TypedResults.Ok(await m.Send(new RateByLink(token, body.Rating, body.Comment), ct)))
            .WithSummary("Rate the ticket with the link, once: a used or expired link answers 409 saying so; a link changed in any way, 404.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }
}
