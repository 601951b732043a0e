using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using ServiceDesk.Core.Domain;
using ServiceDesk.Infrastructure.Identity;

namespace ServiceDesk.Web.Api;

/// <summary>Sign-in for integrators: email and password for a bearer token (ASP.NET Core Identity's bearer scheme).</summary>
public static class AuthEndpoints
{
    public sealed record LoginRequest(string? Email, string? Password);
    public sealed record RefreshRequest(string? RefreshToken);

    public static RouteGroupBuilder MapAuthEndpoints(this RouteGroupBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Sign-in").AllowAnonymous();

        auth.MapPost("/login", async Task<Results<EmptyHttpResult, ProblemHttpResult>> (LoginRequest login, bool? useCookies, SignInManager<DeskUser> signIn) =>
        {
            if (string.IsNullOrWhiteSpace(login.Email)) throw new FieldException("email", "Enter your email address.");
            if (string.IsNullOrEmpty(login.Password)) throw new FieldException("password", "Enter your password.");
            // A bearer token for integrators; a cookie for a browser (e.g. the job dashboard).
            signIn.AuthenticationScheme = useCookies == true ? IdentityConstants.ApplicationScheme : IdentityConstants.BearerScheme;
            var result = await signIn.PasswordSignInAsync(login.Email.Trim(), login.Password, isPersistent: false, lockoutOnFailure: true);
            if (result.IsLockedOut)
                return TypedResults.Problem("Too many failed attempts; try again in a few minutes.", statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in refused.");
            if (!result.Succeeded)
                return TypedResults.Problem("The email address or password is not right.", statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in refused.");
            // The bearer scheme has written the token response.
            return TypedResults.Empty;
        })
        .Produces<AccessTokenResponse>()
        .WithSummary("Exchange email and password for a bearer token (or, with ?useCookies=true, a sign-in cookie).");

        auth.MapPost("/refresh", async Task<Results<Ok<AccessTokenResponse>, UnauthorizedHttpResult, SignInHttpResult, ChallengeHttpResult>> (
            RefreshRequest request, SignInManager<DeskUser> signIn, IOptionsMonitor<BearerTokenOptions> bearer, TimeProvider time) =>
        {
            if (string.IsNullOrWhiteSpace(request.RefreshToken)) throw new FieldException("refreshToken", "Send the refresh token you were given at sign-in.");
            var protector = bearer.Get(IdentityConstants.BearerScheme).RefreshTokenProtector;
            var ticket = protector.Unprotect(request.RefreshToken);
            if (ticket?.Properties?.ExpiresUtc is not { } expires || time.GetUtcNow() >= expires
                || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not DeskUser user)
                return TypedResults.Challenge();
            var principal = await signIn.CreateUserPrincipalAsync(user);
            return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
        })
        .WithSummary("Exchange a refresh token for a new bearer token.");
        return api;
    }
}
