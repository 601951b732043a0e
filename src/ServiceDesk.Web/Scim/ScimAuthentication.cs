using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using MediatR;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using ServiceDesk.Core.Features.People;

namespace ServiceDesk.Web.Scim;

/// <summary>
/// A council's provisioning service calling /scim/v2 with its bearer token: the caller is that
/// council (never a person), and every call reaches only that council's people.
/// </summary>
public sealed class ScimAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IMediator mediator)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ScimToken";
    public const string CouncilIdClaim = "scim_council_id";
    public const string CouncilClaim = "scim_council";
    public const string CallerNameClaim = "scim_caller";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var caller = await mediator.Send(new AuthenticateProvisioningToken(header["Bearer ".Length..].Trim()), Context.RequestAborted);
        if (caller is null) return AuthenticateResult.Fail("The provisioning token is not known, or has been revoked.");
        var identity = new ClaimsIdentity(
        [
            new Claim(CouncilIdClaim, caller.CouncilId.ToString(CultureInfo.InvariantCulture)),
            new Claim(CouncilClaim, caller.Council),
            new Claim(CallerNameClaim, $"{caller.CouncilName} provisioning ({caller.TokenName})"),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer realm=\"scim\"";
        return ScimErrors.WriteAsync(Context, StatusCodes.Status401Unauthorized, null,
            "Send the council's provisioning token as Authorization: Bearer TOKEN (a service manager creates one on the council's sign-in page).");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ScimErrors.WriteAsync(Context, StatusCodes.Status403Forbidden, null, "This token may not do that.");

    /// <summary>The council the call acts for.</summary>
    public static int CouncilOf(ClaimsPrincipal user) =>
        int.Parse(user.FindFirstValue(CouncilIdClaim) ?? throw new InvalidOperationException("Not a provisioning call."), CultureInfo.InvariantCulture);
}
