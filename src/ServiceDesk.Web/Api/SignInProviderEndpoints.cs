using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using ServiceDesk.Core.Features.Accounts;
using ServiceDesk.Core.Features.People;

namespace ServiceDesk.Web.Api;

/// <summary>A council's own sign-in (OpenID Connect provider), for service managers; SHARED is shared ICT's.</summary>
public static class SignInProviderEndpoints
{
    public sealed record ProvisioningTokenRequest(string? Name);

    public sealed record SignInProviderRequest(string? Authority, string? ClientId, string? ClientSecret, string? EmailClaim, bool? PasswordSignIn);

    public static RouteGroupBuilder MapSignInProviderEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/councils/{code}/sign-in", async Task<Ok<SignInProviderView>> (string code, IMediator m, CancellationToken ct) =>
                TypedResults.Ok(await m.Send(new GetSignInProvider(code), ct)))
            .WithTags("Council sign-in").WithSummary("A council's sign-in provider and the redirect path to register with it (service managers; SHARED for shared ICT). The client secret is never shown.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPut("/councils/{code}/sign-in", async Task<Ok<SignInProviderView>> (string code, SignInProviderRequest body, IMediator m, CancellationToken ct) =>
                TypedResults.Ok(await m.Send(new SaveSignInProvider(code, body.Authority, body.ClientId, body.ClientSecret, body.EmailClaim, body.PasswordSignIn ?? true), ct)))
            .WithTags("Council sign-in").WithSummary("Set a council's OpenID Connect provider: authority, client id, client secret (left out: kept), email claim, and whether its people may still use desk passwords.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapDelete("/councils/{code}/sign-in", async Task<Ok<SignInProviderView>> (string code, IMediator m, CancellationToken ct) =>
                TypedResults.Ok(await m.Send(new RemoveSignInProvider(code), ct)))
            .WithTags("Council sign-in").WithSummary("Remove a council's provider: its people sign in with desk passwords again.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/councils/{code}/provisioning-tokens", async Task<Ok<IReadOnlyList<ProvisioningTokenView>>> (string code, IMediator m, CancellationToken ct) =>
                TypedResults.Ok(await m.Send(new ListProvisioningTokens(code), ct)))
            .WithTags("Council sign-in").WithSummary("A council's SCIM provisioning tokens, newest first (service managers; never the tokens themselves).")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/councils/{code}/provisioning-tokens", async Task<Created<CreatedProvisioningToken>> (string code, ProvisioningTokenRequest body, IMediator m, CancellationToken ct) =>
            {
                var created = await m.Send(new CreateProvisioningToken(code, body.Name), ct);
                return TypedResults.Created($"/api/v1/councils/{code.ToUpperInvariant()}/provisioning-tokens", created);
            })
            .WithTags("Council sign-in").WithSummary("Create a SCIM provisioning token for a council's identity service: the token is in this answer only.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/councils/{code}/provisioning-tokens/{id:int}/revoke", async Task<Ok<ProvisioningTokenView>> (string code, int id, IMediator m, CancellationToken ct) =>
                TypedResults.Ok(await m.Send(new RevokeProvisioningToken(code, id), ct)))
            .WithTags("Council sign-in").WithSummary("Revoke a provisioning token: calls with it are refused at once.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }
}
