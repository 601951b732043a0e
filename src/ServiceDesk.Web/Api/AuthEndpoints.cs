using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Features.Accounts;
using ServiceDesk.Infrastructure.Identity;
using ServiceDesk.Infrastructure.Persistence;
using ServiceDesk.Web.Security;

namespace ServiceDesk.Web.Api;

/// <summary>
/// Sign-in for integrators: email and password for a bearer token (ASP.NET Core Identity's bearer
/// scheme), single-use refresh tokens, sign-out that ends every token, and passwords (forgotten,
/// reset, changed).
/// </summary>
public static class AuthEndpoints
{
    private const int SignOutAttempts = 3;

    public sealed record LoginRequest(string? Email, string? Password);
    public sealed record RefreshRequest(string? RefreshToken);
    public sealed record ForgotPasswordRequest(string? Email);
    public sealed record ResetPasswordRequest(string? Email, string? Token, string? NewPassword);
    public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

    public static RouteGroupBuilder MapAuthEndpoints(this RouteGroupBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Sign-in").AllowAnonymous();

        auth.MapPost("/login", async Task<Results<EmptyHttpResult, ProblemHttpResult>> (
            LoginRequest login, bool? useCookies, SignInManager<DeskUser> signIn, SignInThrottle throttle, HttpContext http) =>
        {
            if (string.IsNullOrWhiteSpace(login.Email)) throw new FieldException("email", "Enter your email address.");
            if (string.IsNullOrEmpty(login.Password)) throw new FieldException("password", "Enter your password.");
            if (!throttle.TryAttempt(login.Email, out var wait))
            {
                await RateLimits.TooManyAsync(http, wait);
                return TypedResults.Empty;
            }
            // A bearer token for integrators; a cookie for a browser (e.g. the job dashboard).
            signIn.AuthenticationScheme = useCookies == true ? IdentityConstants.ApplicationScheme : IdentityConstants.BearerScheme;
            var result = await signIn.PasswordSignInAsync(login.Email.Trim(), login.Password, isPersistent: false, lockoutOnFailure: true);
            // One answer for a wrong password, an unknown address and a paused account, so no one learns which accounts exist.
            if (!result.Succeeded)
                return TypedResults.Problem(SignInRefused(signIn), statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in refused.");
            // The bearer scheme has written the token response.
            return TypedResults.Empty;
        })
        .RequireRateLimiting(RateLimits.SignInPolicy)
        .Produces<AccessTokenResponse>()
        .ProducesProblem(StatusCodes.Status429TooManyRequests)
        .WithSummary("Exchange email and password for a bearer token (or, with ?useCookies=true, a sign-in cookie).");

        auth.MapPost("/refresh", async Task<Results<Ok<AccessTokenResponse>, UnauthorizedHttpResult, SignInHttpResult, ChallengeHttpResult>> (
            RefreshRequest request, SignInManager<DeskUser> signIn, IOptionsMonitor<BearerTokenOptions> bearer, ServiceDeskDbContext db, TimeProvider time) =>
        {
            if (string.IsNullOrWhiteSpace(request.RefreshToken)) throw new FieldException("refreshToken", "Send the refresh token you were given at sign-in.");
            var protector = bearer.Get(IdentityConstants.BearerScheme).RefreshTokenProtector;
            var ticket = protector.Unprotect(request.RefreshToken);
            var now = time.GetUtcNow();
            if (ticket?.Properties?.ExpiresUtc is not { } expires || now >= expires
                || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not DeskUser user
                || !await SpendAsync(db, request.RefreshToken, expires, now))
                return TypedResults.Challenge();
            var principal = await signIn.CreateUserPrincipalAsync(user);
            return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
        })
        .WithSummary("Exchange a refresh token for a new bearer token and refresh token; each refresh token works once.");

        auth.MapPost("/forgot-password", async Task<Accepted> (ForgotPasswordRequest request, IPasswordLinks links, ServiceDeskDbContext db, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(request.Email)) throw new FieldException("email", "Enter your email address.");
            if (await links.QueueResetAsync(request.Email, ct)) await db.SaveChangesAsync(ct);
            // The same answer whether or not the address has an account.
            return TypedResults.Accepted((string?)null);
        })
        .RequireRateLimiting(RateLimits.PasswordResetPolicy)
        .ProducesProblem(StatusCodes.Status429TooManyRequests)
        .WithSummary("Email a single-use link (valid an hour) to choose a new password. Always 202: it never says whether the address has an account.");

        auth.MapPost("/reset-password", async Task<NoContent> (ResetPasswordRequest request, UserManager<DeskUser> users, AccountPasswords passwords) =>
        {
            if (string.IsNullOrWhiteSpace(request.Email)) throw new FieldException("email", "Enter your email address.");
            if (string.IsNullOrWhiteSpace(request.Token)) throw new FieldException("token", "Send the token from the link in the email.");
            var user = await users.FindByEmailAsync(request.Email.Trim());
            Check(await passwords.ChooseAsync(user, PasswordLinks.ResetKind, request.Token, request.NewPassword));
            return TypedResults.NoContent();
        })
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .WithSummary("Set a new password with the token from a reset email; every earlier sign-in ends.");

        // Signed in: outside the anonymous group.
        api.MapPost("/auth/sign-out", async Task<NoContent> (ClaimsPrincipal principal, UserManager<DeskUser> users, ServiceDeskDbContext db) =>
        {
            // Signing out must end every sign-in even when the account changes at the same moment
            // (a wrong password typed elsewhere) or the embedded database is busy for an instant:
            // read the account again and retry, and say so if it still cannot be done.
            for (var attempt = 1; await users.GetUserAsync(principal) is { } user; attempt++)
            {
                try
                {
                    if ((await users.UpdateSecurityStampAsync(user)).Succeeded) break;
                }
                catch (DbUpdateException)
                {
                }
                if (attempt >= SignOutAttempts) throw new ConflictException("Your account was changed at the same moment; sign out again.");
                await db.Entry(user).ReloadAsync();
            }
            return TypedResults.NoContent();
        })
        .WithTags("Sign-in")
        .WithSummary("Sign out everywhere: every bearer token, refresh token and sign-in cookie of this account stops working.");

        api.MapPost("/me/password", async Task<NoContent> (ChangePasswordRequest request, ClaimsPrincipal principal, UserManager<DeskUser> users, AccountPasswords passwords) =>
        {
            var user = await users.GetUserAsync(principal) ?? throw new NotFoundException("Your account");
            Check(await passwords.ChangeAsync(user, request.CurrentPassword, request.NewPassword));
            return TypedResults.NoContent();
        })
        .WithTags("Sign-in")
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .WithSummary("Change your password (current and new); every sign-in of the account ends, this one too.");
        return api;
    }

    /// <summary>The one message for any refused sign-in.</summary>
    public static string SignInRefused(SignInManager<DeskUser> signIn) =>
        "The email address or password is not right, or sign-in is paused after too many failed attempts. " +
        $"Check them, or try again in {signIn.Options.Lockout.DefaultLockoutTimeSpan.TotalMinutes:0} minutes.";

    private static void Check(PasswordOutcome outcome)
    {
        if (!outcome.Succeeded) throw new FieldException(outcome.Field!, outcome.Error! + ".");
    }

    /// <summary>Records the refresh token as used; false if it already was (a replay, or a race with another refresh).</summary>
    private static async Task<bool> SpendAsync(ServiceDeskDbContext db, string token, DateTimeOffset expires, DateTimeOffset now)
    {
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        var cutoff = now.UtcDateTime;
        await db.SpentRefreshTokens.Where(t => t.ExpiresAt < cutoff).ExecuteDeleteAsync();
        if (await db.SpentRefreshTokens.AnyAsync(t => t.TokenHash == hash)) return false;
        db.SpentRefreshTokens.Add(new SpentRefreshToken(hash, expires.UtcDateTime));
        try
        {
            await db.SaveChangesAsync();
            return true;
        }
        catch (DbUpdateException)
        {
            return false;
        }
    }
}
