using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using ServiceDesk.Core.Features.Accounts;

namespace ServiceDesk.Web.Api;

/// <summary>A council's own sign-in (OpenID Connect provider), for service managers; SHARED is shared ICT's.</summary>
public static class SignInProviderEndpoints
{
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
        return api;
    }
}
