using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using ServiceDesk.Core.Features.Sla;

namespace ServiceDesk.Web.Api;

/// <summary>Business calendars, SLA targets and OLAs: shared ICT staff read them, service managers change them.</summary>
public static class SlaEndpoints
{
    public sealed record ClosureRequest(DateOnly? Date, string? Name);
    public sealed record TargetRequest(TargetInput? Response, TargetInput? Resolution);
    public sealed record MajorIncidentCalendarRequest(int? CalendarId);

    public static RouteGroupBuilder MapSlaEndpoints(this RouteGroupBuilder api)
    {
        var calendars = api.MapGroup("/calendars").WithTags("Service levels");
        calendars.MapGet("/", async Task<Ok<IReadOnlyList<CalendarView>>> (IMediator m, CancellationToken ct) =>
            TypedResults.Ok(await m.Send(new ListCalendars(), ct)))
            .WithSummary("Business calendars with their closure days and the councils that use them.")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        calendars.MapPost("/{calendarId:int}/closures", async Task<Created<CalendarView>> (int calendarId, ClosureRequest body, IMediator m, CancellationToken ct) =>
            TypedResults.Created($"/api/v1/calendars", await m.Send(new AddClosureDay(calendarId, body.Date, body.Name), ct)))
            .WithSummary("Close the desk on an extra day (service managers); open tickets' clocks are recomputed.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        calendars.MapDelete("/{calendarId:int}/closures/{date}", async Task<Ok<CalendarView>> (int calendarId, DateOnly date, IMediator m, CancellationToken ct) =>
            TypedResults.Ok(await m.Send(new RemoveClosureDay(calendarId, date), ct)))
            .WithSummary("Remove a closure day (service managers).")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        calendars.MapGet("/major-incidents", async Task<Ok<MajorIncidentCalendarView>> (IMediator m, CancellationToken ct) =>
            TypedResults.Ok(await m.Send(new GetMajorIncidentCalendar(), ct)))
            .WithSummary("The calendar P1 incidents and major incidents run on (calendarId null: 24×7, the default).")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        calendars.MapPut("/major-incidents", async Task<Ok<MajorIncidentCalendarView>> (MajorIncidentCalendarRequest body, IMediator m, CancellationToken ct) =>
            TypedResults.Ok(await m.Send(new ChangeMajorIncidentCalendar(body.CalendarId), ct)))
            .WithSummary("Choose the calendar of P1 and major incidents (service managers; calendarId null for 24×7); open tickets are recomputed.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);

        var policies = api.MapGroup("/sla-policies").WithTags("Service levels");
        policies.MapGet("/", async Task<Ok<IReadOnlyList<SlaTargetView>>> (IMediator m, CancellationToken ct) =>
            TypedResults.Ok(await m.Send(new ListSlaTargets(), ct)))
            .WithSummary("SLA response and resolution targets by service tier and priority.");
        policies.MapPut("/{tier}/{priority}", async Task<Ok<SlaTargetView>> (string tier, string priority, TargetRequest body, IMediator m, CancellationToken ct) =>
            TypedResults.Ok(await m.Send(new ChangeSlaTarget(tier, priority, body.Response, body.Resolution), ct)))
            .WithSummary("Change one tier and priority's targets (service managers); open tickets are recomputed from their original start.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);

        var ola = api.MapGroup("/resolver-groups/{resolverGroupId:int}/ola").WithTags("Service levels");
        ola.MapGet("/", async Task<Ok<IReadOnlyList<OlaTargetView>>> (int resolverGroupId, IMediator m, CancellationToken ct) =>
            TypedResults.Ok(await m.Send(new ListOlaTargets(resolverGroupId), ct)))
            .WithSummary("A resolver group's OLA targets by priority.");
        ola.MapPut("/{priority}", async Task<Ok<OlaTargetView>> (int resolverGroupId, string priority, TargetRequest body, IMediator m, CancellationToken ct) =>
            TypedResults.Ok(await m.Send(new ChangeOlaTarget(resolverGroupId, priority, body.Response, body.Resolution), ct)))
            .WithSummary("Change a resolver group's OLA for one priority (service managers).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        return api;
    }
}
