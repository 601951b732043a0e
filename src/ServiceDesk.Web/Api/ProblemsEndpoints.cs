using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using ServiceDesk.Core.Features.Problems;
using ServiceDesk.Core.Features.Tickets;

namespace ServiceDesk.Web.Api;

/// <summary>
/// Problems, known errors and incident trends. Problems and trends are shared-ICT data: anyone else
/// gets 404. Known errors (title and workaround) are for everyone, for the portal.
/// </summary>
public static class ProblemsEndpoints
{
    public sealed record RaiseProblemRequest(
        string? Title, string? Description, IReadOnlyList<int>? ServiceIds, IReadOnlyList<string>? Incidents,
        string? Priority, string? OwnerEmail, int? CategoryId);
    public sealed record UpdateProblemRequest(
        string? Title, string? Description, string? Priority, string? OwnerEmail, IReadOnlyList<int>? ServiceIds,
        int? CategoryId, string? RootCause, string? Workaround);
    public sealed record ProblemStatusRequest(
        string? Status, string? Resolution, string? RootCause, string? Workaround, bool? ResolveIncidents,
        bool? ResolveLinkedIncidents, string? Reply);
    public sealed record LinkRequest(IReadOnlyList<string>? Incidents, string? TicketReference);
    public sealed record CandidateRequest(int? ServiceId, int? CategoryId, string? Title, string? Description, string? Priority);
    public sealed record ProblemReferenceRequest(string? ProblemReference);

    public static RouteGroupBuilder MapProblemsEndpoints(this RouteGroupBuilder api)
    {
        var problems = api.MapGroup("/problems").WithTags("Problems");

        problems.MapPost("/", async Task<Created<ProblemView>> (RaiseProblemRequest body, IMediator m, HttpResponse response, CancellationToken ct) =>
        {
            var view = await m.Send(new RaiseProblem(body.Title, body.Description, body.ServiceIds, body.Incidents, body.Priority, body.OwnerEmail, body.CategoryId), ct);
            Versioning.SetETag(response, view.Version);
            return TypedResults.Created($"/api/v1/problems/{view.Reference}", view);
        })
        .WithSummary("Raise a problem: title, description, serviceIds, and incidents (ticket references) to link.")
        .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        problems.MapGet("/", async Task<Ok<PagedList<ProblemSummary>>> (string? status, int? serviceId, string? q, int? page, int? pageSize, IMediator m, CancellationToken ct) =>
            TypedResults.Ok(await m.Send(new ListProblems(status, serviceId, q, page, pageSize), ct)))
        .WithSummary("Problems, latest change first: status (comma list), serviceId, q.")
        .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        problems.MapGet("/candidates", async Task<Ok<IReadOnlyList<CandidateProblemView>>> (IMediator m, CancellationToken ct) =>
            TypedResults.Ok(await m.Send(new ListCandidateProblems(), ct)))
        .WithSummary("Candidate problems: enough incidents of one service and category in the window, none linked to a problem.")
        .ProducesProblem(StatusCodes.Status404NotFound);

        problems.MapPost("/candidates/raise", async Task<Created<ProblemView>> (CandidateRequest body, IMediator m, HttpResponse response, CancellationToken ct) =>
        {
            var view = await m.Send(new RaiseProblemFromCandidate(body.ServiceId, body.CategoryId, body.Title, body.Description, body.Priority), ct);
            Versioning.SetETag(response, view.Version);
            return TypedResults.Created($"/api/v1/problems/{view.Reference}", view);
        })
        .WithSummary("Raise a problem from a candidate (serviceId, categoryId), linking all of its incidents.")
        .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        problems.MapGet("/{reference}", async Task<Ok<ProblemView>> (string reference, IMediator m, HttpResponse response, CancellationToken ct) =>
            WithETag(response, await m.Send(new GetProblem(reference), ct)))
        .WithSummary("A problem with its linked incidents and the councils affected.")
        .ProducesProblem(StatusCodes.Status404NotFound);

        problems.MapGet("/{reference}/history", async Task<Ok<IReadOnlyList<HistoryView>>> (string reference, IMediator m, CancellationToken ct) =>
            TypedResults.Ok(await m.Send(new GetProblemHistory(reference), ct)))
        .WithSummary("The problem's append-only history.")
        .ProducesProblem(StatusCodes.Status404NotFound);

        problems.MapPatch("/{reference}", async Task<Ok<ProblemView>> (string reference, UpdateProblemRequest body, HttpRequest request, IMediator m, CancellationToken ct) =>
            WithETag(request.HttpContext.Response, await m.Send(new UpdateProblem(reference, body.Title, body.Description, body.Priority, body.OwnerEmail,
                body.ServiceIds, body.CategoryId, body.RootCause, body.Workaround, Versioning.ExpectedVersion(request)), ct)))
        .WithSummary("Change a problem's details, root cause or workaround; fields left out stay as they are.")
        .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        problems.MapPost("/{reference}/status", async Task<Ok<ProblemView>> (string reference, ProblemStatusRequest body, HttpRequest request, IMediator m, CancellationToken ct) =>
            WithETag(request.HttpContext.Response, await m.Send(new ChangeProblemStatus(reference, body.Status, body.Resolution, body.RootCause, body.Workaround,
                body.ResolveIncidents ?? body.ResolveLinkedIncidents ?? false, body.Reply, Versioning.ExpectedVersion(request)), ct)))
        .WithSummary("Move the problem along its lifecycle. KnownError needs rootCause and workaround; Resolved needs a resolution " +
            "and, with resolveIncidents, resolves every open linked incident with one public reply each.")
        .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        problems.MapPost("/{reference}/incidents", async Task<Ok<ProblemView>> (string reference, LinkRequest body, HttpRequest request, IMediator m, CancellationToken ct) =>
        {
            var incidents = body.Incidents ?? (body.TicketReference is { } one ? [one] : null);
            return WithETag(request.HttpContext.Response, await m.Send(new LinkIncidents(reference, incidents, Versioning.ExpectedVersion(request)), ct));
        })
        .WithSummary("Link incidents (ticket references) to the problem; a ticket links to at most one problem.")
        .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        problems.MapDelete("/{reference}/incidents/{ticketReference}", async Task<Ok<ProblemView>> (string reference, string ticketReference, HttpRequest request, IMediator m, CancellationToken ct) =>
            WithETag(request.HttpContext.Response, await m.Send(new UnlinkIncident(reference, ticketReference, Versioning.ExpectedVersion(request)), ct)))
        .WithSummary("Unlink an incident from the problem.")
        .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        api.MapGet("/known-errors", async Task<Ok<IReadOnlyList<KnownErrorView>>> (int? serviceId, int? categoryId, IMediator m, CancellationToken ct) =>
            TypedResults.Ok(await m.Send(new KnownErrorsFor(serviceId, categoryId), ct)))
        .WithTags("Problems")
        .WithSummary("Published known errors for a service (and category): title and workaround, for the portal and the desk.")
        .ProducesValidationProblem();

        var tickets = api.MapGroup("/tickets/{reference}").WithTags("Tickets");
        tickets.MapPost("/workaround", async Task<Ok<TicketView>> (string reference, ProblemReferenceRequest body, HttpRequest request, IMediator m, CancellationToken ct) =>
            TicketWithETag(request.HttpContext.Response, await m.Send(new ApplyWorkaround(reference, body.ProblemReference, Versioning.ExpectedVersion(request)), ct)))
        .WithSummary("Apply a published known error: its workaround goes to the requester as a public reply, and the incident is linked to the problem.")
        .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        tickets.MapPost("/problem", async Task<Ok<TicketView>> (string reference, ProblemReferenceRequest body, HttpResponse response, IMediator m, CancellationToken ct) =>
            TicketWithETag(response, await m.Send(new LinkTicketToProblem(reference, body.ProblemReference), ct)))
        .WithSummary("Link this incident to a problem (shared ICT staff).")
        .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        tickets.MapDelete("/problem", async Task<Ok<TicketView>> (string reference, HttpResponse response, IMediator m, CancellationToken ct) =>
            TicketWithETag(response, await m.Send(new UnlinkTicketFromProblem(reference), ct)))
        .WithSummary("Unlink this incident from its problem (shared ICT staff).")
        .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        var trends = api.MapGroup("/trends").WithTags("Trends");
        trends.MapGet("/", async Task<Results<Ok<TrendReport>, ContentHttpResult>> (string? groupBy, string? period, HttpRequest request, IMediator m, CancellationToken ct) =>
        {
            var report = await m.Send(new GetTrends(groupBy, period), ct);
            return WantsCsv(request) ? Csv(report) : TypedResults.Ok(report);
        })
        .WithSummary("Incidents per week (or month) for the last 12, by service, category, council or resolverGroup; CSV with Accept: text/csv.")
        .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/trends.csv", async Task<ContentHttpResult> (string? groupBy, string? period, IMediator m, CancellationToken ct) =>
            Csv(await m.Send(new GetTrends(groupBy, period), ct)))
        .WithTags("Trends")
        .WithSummary("The same trend as CSV: one row per series, one column per period, then the total.")
        .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        trends.MapGet("/top", async Task<Ok<TopRecurringView>> (string? period, int? take, IMediator m, CancellationToken ct) =>
            TypedResults.Ok(await m.Send(new GetTopRecurring(period, take), ct)))
        .WithSummary("The services and categories with the most incidents in the last 12 weeks (or months).")
        .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        trends.MapGet("/resolution-times", async Task<Ok<IReadOnlyList<ResolutionTimeRow>>> (string? period, IMediator m, CancellationToken ct) =>
            TypedResults.Ok(await m.Send(new GetResolutionTimes(period), ct)))
        .WithSummary("Mean time to resolve incidents per service, in elapsed and business hours.")
        .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        trends.MapGet("/repeat-callers", async Task<Ok<IReadOnlyList<RepeatCallerRow>>> (string? period, IMediator m, CancellationToken ct) =>
            TypedResults.Ok(await m.Send(new GetRepeatCallers(period), ct)))
        .WithSummary("Requesters with several incidents in the last 12 weeks (or months).")
        .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static Ok<ProblemView> WithETag(HttpResponse response, ProblemView view)
    {
        Versioning.SetETag(response, view.Version);
        return TypedResults.Ok(view);
    }

    private static Ok<TicketView> TicketWithETag(HttpResponse response, TicketView view)
    {
        Versioning.SetETag(response, view.Version);
        return TypedResults.Ok(view);
    }

    internal static bool WantsCsv(HttpRequest request) =>
        request.Headers.Accept.Any(a => a is not null && a.Contains("text/csv", StringComparison.OrdinalIgnoreCase));

    private static ContentHttpResult Csv(TrendReport report) => TypedResults.Text(report.ToCsv(), "text/csv; charset=utf-8");
}
