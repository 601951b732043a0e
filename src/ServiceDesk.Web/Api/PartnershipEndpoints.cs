using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using ServiceDesk.Core.Features.Partnership;

namespace ServiceDesk.Web.Api;

/// <summary>Who am I, and the partnership's councils, catalogue and resolver groups.</summary>
public static class PartnershipEndpoints
{
    public sealed record NewCouncilRequest(string? Code, string? Name, IReadOnlyList<string>? MailDomains, int? ActiveUsers, int? CalendarId, IReadOnlyList<string>? ReportRecipients, string? FinanceContact);
    public sealed record CouncilRequest(string? Name, IReadOnlyList<string>? MailDomains, int? ActiveUsers, int? CalendarId, IReadOnlyList<string>? ReportRecipients, string? FinanceContact);
    public sealed record ServiceRequest(string? Name, string? Description, string? Tier, decimal? UnitCost, int? DefaultResolverGroupId, bool? Active, IReadOnlyList<string>? NewCategories);
    public sealed record GroupRequest(string? Name, string? CouncilCode);
    public sealed record MemberRequest(string? Email, bool? Lead);

    public static RouteGroupBuilder MapPartnershipEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/me", async Task<Ok<MeView>> (IMediator m, CancellationToken ct) => TypedResults.Ok(await m.Send(new GetMe(), ct)))
            .WithTags("Partnership").WithSummary("The signed-in person, their roles and councils.");
        api.MapGet("/councils", async Task<Ok<IReadOnlyList<CouncilView>>> (IMediator m, CancellationToken ct) => TypedResults.Ok(await m.Send(new ListCouncils(), ct)))
            .WithTags("Partnership").WithSummary("The councils you may see.");
        api.MapGet("/catalogue", async Task<Ok<IReadOnlyList<CatalogueServiceView>>> (IMediator m, CancellationToken ct) => TypedResults.Ok(await m.Send(new ListCatalogue(), ct)))
            .WithTags("Partnership").WithSummary("The tiered service catalogue with unit costs and whether approval is needed.");
        api.MapGet("/resolver-groups", async Task<Ok<IReadOnlyList<ResolverGroupView>>> (IMediator m, CancellationToken ct) => TypedResults.Ok(await m.Send(new ListResolverGroups(), ct)))
            .WithTags("Partnership").WithSummary("Resolver groups: partnership-wide and per council.");

        // Service managers run the partnership: councils, catalogue and resolver groups.
        api.MapPut("/councils/{code}", async Task<Ok<CouncilView>> (string code, CouncilRequest body, IMediator m, CancellationToken ct) =>
                TypedResults.Ok(await m.Send(new UpdateCouncil(code, body.Name, body.MailDomains, body.ActiveUsers, body.CalendarId, body.ReportRecipients, body.FinanceContact), ct)))
            .WithTags("Partnership").WithSummary("Change a council's name, mail domains, active users, calendar, report recipients and finance contact (service managers; a finance contact left out is kept).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/councils", async Task<Created<CouncilView>> (NewCouncilRequest body, IMediator m, CancellationToken ct) =>
            {
                var view = await m.Send(new CreateCouncil(body.Code, body.Name, body.MailDomains, body.ActiveUsers, body.CalendarId, body.ReportRecipients, body.FinanceContact), ct);
                return TypedResults.Created($"/api/v1/councils/{view.Code}", view);
            })
            .WithTags("Partnership").WithSummary("Add a council that joins the partnership (service managers).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapPost("/councils/{code}/withdraw", async Task<Ok<CouncilView>> (string code, IMediator m, CancellationToken ct) =>
                TypedResults.Ok(await m.Send(new WithdrawCouncil(code), ct)))
            .WithTags("Partnership").WithSummary("Withdraw a council from the partnership: its people can no longer sign in or raise tickets; its records and reports stay (service managers).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/catalogue", async Task<Created<CatalogueServiceView>> (ServiceRequest body, IMediator m, CancellationToken ct) =>
            {
                var view = await m.Send(new SaveCatalogueService(null, body.Name, body.Description, body.Tier, body.UnitCost, body.DefaultResolverGroupId, body.Active, body.NewCategories), ct);
                return TypedResults.Created($"/api/v1/catalogue/{view.Id}", view);
            })
            .WithTags("Partnership").WithSummary("Add a catalogue service (service managers).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapPut("/catalogue/{id:int}", async Task<Ok<CatalogueServiceView>> (int id, ServiceRequest body, IMediator m, CancellationToken ct) =>
                TypedResults.Ok(await m.Send(new SaveCatalogueService(id, body.Name, body.Description, body.Tier, body.UnitCost, body.DefaultResolverGroupId, body.Active, body.NewCategories), ct)))
            .WithTags("Partnership").WithSummary("Change or retire a catalogue service (service managers).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/resolver-groups", async Task<Created<ResolverGroupView>> (GroupRequest body, IMediator m, CancellationToken ct) =>
            {
                var view = await m.Send(new CreateResolverGroup(body.Name, body.CouncilCode), ct);
                return TypedResults.Created($"/api/v1/resolver-groups/{view.Id}", view);
            })
            .WithTags("Partnership").WithSummary("Set up a resolver group, partnership-wide or for one council (service managers).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapPost("/resolver-groups/{id:int}/members", async Task<Ok<ResolverGroupView>> (int id, MemberRequest body, IMediator m, CancellationToken ct) =>
                TypedResults.Ok(await m.Send(new ChangeGroupMembership(id, body.Email, Remove: false, Lead: body.Lead ?? false), ct)))
            .WithTags("Partnership").WithSummary("Add a member (or make them lead) of a resolver group (service managers).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapDelete("/resolver-groups/{id:int}/members/{email}", async Task<Ok<ResolverGroupView>> (int id, string email, IMediator m, CancellationToken ct) =>
                TypedResults.Ok(await m.Send(new ChangeGroupMembership(id, email, Remove: true), ct)))
            .WithTags("Partnership").WithSummary("Take a member out of a resolver group (service managers).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }
}
