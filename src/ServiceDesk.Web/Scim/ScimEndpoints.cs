using System.Globalization;
using System.Security.Claims;
using System.Text.Json.Nodes;
using FluentValidation;
using MediatR;
using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Features.People;

namespace ServiceDesk.Web.Scim;

/// <summary>
/// SCIM 2.0 provisioning at /scim/v2 (RFC 7643, 7644), the part Microsoft Entra ID uses: Users (create,
/// read, filter by userName or externalId, PATCH, PUT, DELETE) and the discovery documents. A council's
/// provisioning token reaches only that council's people; DELETE deactivates and keeps their tickets.
/// </summary>
public static class ScimEndpoints
{
    public const string Path = "/scim/v2";
    public const string Policy = "scim";

    public static void AddScimPolicy(this Microsoft.AspNetCore.Authorization.AuthorizationOptions options) =>
        options.AddPolicy(Policy, p => p.AddAuthenticationSchemes(ScimAuthenticationHandler.SchemeName).RequireAuthenticatedUser()
            .RequireClaim(ScimAuthenticationHandler.CouncilIdClaim));

    public static IEndpointRouteBuilder MapScimEndpoints(this IEndpointRouteBuilder app)
    {
        var scim = app.MapGroup(Path).ExcludeFromDescription().RequireRateLimiting(Security.RateLimits.ApiPolicy);
        var users = scim.MapGroup("/Users").RequireAuthorization(Policy);

        users.MapGet("/", (HttpContext http, IMediator m, string? filter, int? startIndex, int? count) => RunAsync(async () =>
        {
            var (by, value) = ScimUsers.Filter(filter);
            var start = Math.Max(1, startIndex ?? 1);
            var (total, people) = await m.Send(new FindProvisionedPeople(Council(http), by, value, start, Math.Clamp(count ?? 100, 0, 200)), http.RequestAborted);
            return Scim.Json(ScimUsers.List([.. people.Select(p => (JsonNode)ScimUsers.Resource(p, BaseUrl(http)))], total, start));
        }));
        users.MapGet("/{id}", (HttpContext http, IMediator m, string id) => RunAsync(async () =>
            Scim.Json(ScimUsers.Resource(await m.Send(new GetProvisionedPerson(Council(http), Id(id)), http.RequestAborted), BaseUrl(http)))));
        users.MapPost("/", (HttpContext http, IMediator m) => RunAsync(async () =>
        {
            var draft = ScimUsers.Read(await BodyAsync(http));
            if (string.IsNullOrWhiteSpace(draft.Email)) throw new ScimException(400, "invalidValue", "userName (the person's email address) is required.");
            var person = await m.Send(new ProvisionPerson(Council(http), draft.Email, draft.ResolvedName(), draft.ExternalId, draft.Active), http.RequestAborted);
            var resource = ScimUsers.Resource(person, BaseUrl(http));
            http.Response.Headers.Location = resource["meta"]!["location"]!.GetValue<string>();
            return Scim.Json(resource, StatusCodes.Status201Created);
        }));
        users.MapPut("/{id}", (HttpContext http, IMediator m, string id) => RunAsync(async () =>
        {
            var current = await m.Send(new GetProvisionedPerson(Council(http), Id(id)), http.RequestAborted);
            var draft = ScimUsers.Read(await BodyAsync(http));
            draft.Email ??= current.Email;
            var person = await m.Send(new UpdateProvisionedPerson(Council(http), current.Id, draft.Email, draft.ResolvedName() ?? current.Name, draft.ExternalId, draft.Active), http.RequestAborted);
            return Scim.Json(ScimUsers.Resource(person, BaseUrl(http)));
        }));
        users.MapMethods("/{id}", [HttpMethods.Patch], (HttpContext http, IMediator m, string id) => RunAsync(async () =>
        {
            var current = await m.Send(new GetProvisionedPerson(Council(http), Id(id)), http.RequestAborted);
            var body = await BodyAsync(http);
            var operations = body.FirstOrDefault(p => p.Key.Equals("Operations", StringComparison.OrdinalIgnoreCase)).Value as JsonArray
                ?? throw new ScimException(400, "invalidSyntax", $"A PATCH body is a {ScimUsers.PatchSchema} with a list of Operations.");
            var draft = ScimUsers.Draft.Of(current);
            foreach (var operation in operations) ScimUsers.Patch(draft, operation);
            var person = await m.Send(new UpdateProvisionedPerson(Council(http), current.Id, draft.Email, draft.ResolvedName(), draft.ExternalId, draft.Active), http.RequestAborted);
            return Scim.Json(ScimUsers.Resource(person, BaseUrl(http)));
        }));
        users.MapDelete("/{id}", (HttpContext http, IMediator m, string id) => RunAsync(async () =>
        {
            await m.Send(new DeprovisionPerson(Council(http), Id(id)), http.RequestAborted);
            return Results.NoContent();
        }));

        scim.MapGet("/ServiceProviderConfig", (HttpContext http) => Scim.Json(ScimDiscovery.ServiceProviderConfig(BaseUrl(http))));
        scim.MapGet("/ResourceTypes", (HttpContext http) => Scim.Json(ScimUsers.List([ScimDiscovery.UserResourceType(BaseUrl(http))], 1, 1)));
        scim.MapGet("/ResourceTypes/{id}", (HttpContext http, string id) => id == "User"
            ? Scim.Json(ScimDiscovery.UserResourceType(BaseUrl(http)))
            : ScimErrors.Result(404, null, $"There is no resource type '{id}'."));
        scim.MapGet("/Schemas", (HttpContext http) => Scim.Json(ScimUsers.List([ScimDiscovery.UserSchema(BaseUrl(http))], 1, 1)));
        scim.MapGet("/Schemas/{id}", (HttpContext http, string id) => id == ScimUsers.UserSchema
            ? Scim.Json(ScimDiscovery.UserSchema(BaseUrl(http)))
            : ScimErrors.Result(404, null, $"There is no schema '{id}'."));
        // Anything else under /scim/v2 answers in SCIM's words too.
        scim.MapFallback(() => ScimErrors.Result(404, null, "There is no such SCIM endpoint; the desk serves /Users, /ServiceProviderConfig, /ResourceTypes and /Schemas."));
        return app;
    }

    /// <summary>Runs a SCIM operation, answering every refusal as SCIM error JSON with its status.</summary>
    private static async Task<IResult> RunAsync(Func<Task<IResult>> operation)
    {
        try { return await operation(); }
        catch (ScimException e) { return ScimErrors.Result(e.Status, e.ScimType, e.Message); }
        catch (ValidationException e) { return ScimErrors.Result(400, "invalidValue", string.Join(" ", e.Errors.Select(f => f.ErrorMessage).Distinct())); }
        catch (FieldException e) { return ScimErrors.Result(400, "invalidValue", e.Message); }
        catch (ConflictException e) { return ScimErrors.Result(409, "uniqueness", e.Message); }
        catch (NotFoundException e) { return ScimErrors.Result(404, null, e.Message); }
    }

    private static int Council(HttpContext http) => ScimAuthenticationHandler.CouncilOf(http.User);

    private static int Id(string id) =>
        int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw new NotFoundException($"User {id}");

    private static string BaseUrl(HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{Path}";

    private static async Task<JsonObject> BodyAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body);
        return ScimUsers.ParseBody(await reader.ReadToEndAsync(http.RequestAborted));
    }
}
