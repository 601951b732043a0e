using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using ServiceDesk.Core.Features.People;

namespace ServiceDesk.Web.Api;

/// <summary>The people of the desk, for service managers: add, change, deactivate and reactivate.</summary>
public static class PeopleEndpoints
{
    public sealed record PersonRequest(string? Name, string? Email, IReadOnlyList<string>? Councils, IReadOnlyList<string>? Roles, IReadOnlyList<string>? ApproverFor, string? Phone);

    public static RouteGroupBuilder MapPeopleEndpoints(this RouteGroupBuilder api)
    {
        var people = api.MapGroup("/people").WithTags("People");
        people.MapGet("/", async Task<Ok<ServiceDesk.Core.Features.Tickets.PagedList<PersonView>>> (string? q, string? council, string? role, bool? active, int? page, int? pageSize, IMediator m, CancellationToken ct) =>
                TypedResults.Ok(await m.Send(new ListPeople(q, council, role, active, page ?? 1, pageSize ?? 25), ct)))
            .WithSummary("People: `q` (name or email), `council` (code, or SHARED for shared ICT), `role`, `active`, `page`, `pageSize` (service managers).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        people.MapGet("/{id:int}", async Task<Ok<PersonView>> (int id, IMediator m, CancellationToken ct) => TypedResults.Ok(await m.Send(new GetPerson(id), ct)))
            .WithSummary("One person (service managers).")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        people.MapPost("/", async Task<Created<PersonView>> (PersonRequest body, IMediator m, CancellationToken ct) =>
            {
                var view = await m.Send(new SavePerson(null, body.Name, body.Email, body.Councils, body.Roles, body.ApproverFor, body.Phone), ct);
                return TypedResults.Created($"/api/v1/people/{view.Id}", view);
            })
            .WithSummary("Add a person: `name`, `email`, `councils` (codes, main first; none for shared ICT), `roles` (Requester, Approver, Agent, ProblemManager, ServiceManager), optional `approverFor` (codes) and `phone` (at least 6 digits); they are invited by email (service managers).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        people.MapPut("/{id:int}", async Task<Ok<PersonView>> (int id, PersonRequest body, IMediator m, CancellationToken ct) =>
                TypedResults.Ok(await m.Send(new SavePerson(id, body.Name, body.Email, body.Councils, body.Roles, body.ApproverFor, body.Phone), ct)))
            .WithSummary("Change a person's name, email, councils, roles and `phone` (left out: kept as it is; empty: removed) (service managers).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        people.MapPost("/{id:int}/deactivate", async Task<Ok<PersonView>> (int id, IMediator m, CancellationToken ct) =>
                TypedResults.Ok(await m.Send(new SetPersonActive(id, false), ct)))
            .WithSummary("Deactivate a person: they are signed out everywhere at once and cannot sign in (service managers).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        people.MapPost("/{id:int}/reactivate", async Task<Ok<PersonView>> (int id, IMediator m, CancellationToken ct) =>
                TypedResults.Ok(await m.Send(new SetPersonActive(id, true), ct)))
            .WithSummary("Give a deactivated person their access back (service managers).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        people.MapPost("/import", async Task<Ok<ImportResult>> (string? council, bool? preview, HttpRequest request, IMediator m, CancellationToken ct) =>
            {
                var file = await Uploads.FileAsync(request, ct);
                using var reader = new StreamReader(file.OpenReadStream());
                var csv = await reader.ReadToEndAsync(ct);
                return TypedResults.Ok(await m.Send(new ImportPeople(council, csv, Import: preview != true), ct));
            })
            .Accepts<IFormFile>("multipart/form-data")
            .DisableAntiforgery()
            .WithSummary("Import a council's staff from CSV (multipart field 'file'; columns name, email, roles): `council` (code), `preview=true` shows each row's outcome and saves nothing; otherwise every good row is added and invited (service managers).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        return api;
    }
}
