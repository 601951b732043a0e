using System.Collections.Concurrent;
using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using ServiceDesk.Core.Features.Accounts;
using ServiceDesk.Core.Features.People;
using ServiceDesk.Infrastructure.Identity;
using ServiceDesk.Infrastructure.Persistence;

namespace ServiceDesk.Web.Security;

/// <summary>
/// "Sign in with your council account": one OpenID Connect scheme per council with a provider
/// (council-MBC, council-SHARED), made when first asked for from the settings service managers keep
/// in the database. ASP.NET Core's OpenID Connect handler does the protocol (authorization code with
/// PKCE); the desk then matches the person and signs them in with the same cookie as a password would.
/// </summary>
public static class CouncilSignIn
{
    public const string SchemePrefix = "council-";
    public const string CallbackPrefix = "/signin-oidc/";
    public const string ProblemPath = "/sign-in/council/problem";
    public const string LoginHintItem = "login_hint";
    /// <summary>TempData key: the address the provider signed in, for the problem page.</summary>
    public const string EmailTempData = "CouncilSignInEmail";

    public static string SchemeOf(string council) => SchemePrefix + council.ToUpperInvariant();

    public static IServiceCollection AddCouncilSignIn(this IServiceCollection services)
    {
        services.AddSingleton<CouncilSignInSettings>();
        services.Replace(ServiceDescriptor.Singleton<IAuthenticationSchemeProvider, CouncilSignInSchemes>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<OpenIdConnectOptions>, ConfigureCouncilSignIn>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<OpenIdConnectOptions>, OpenIdConnectPostConfigureOptions>());
        return services;
    }

    /// <summary>Where a person is sent when their council sign-in did not work, and why.</summary>
    public static string Problem(string reason, string council) =>
        $"{ProblemPath}?reason={Uri.EscapeDataString(reason)}&council={Uri.EscapeDataString(council)}";
}

/// <summary>The settings of each council's provider as this web node last read them; a change of stamp rebuilds the handler's options.</summary>
public sealed class CouncilSignInSettings(IServiceScopeFactory scopes, IOptionsMonitorCache<OpenIdConnectOptions> optionsCache, ISecretProtector secrets)
{
    public sealed record Settings(string Council, string Authority, string ClientId, string? ClientSecret, string EmailClaim, string Stamp);

    private readonly ConcurrentDictionary<string, Settings> _current = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Reads the council's provider from the database (a sign-in is about to use it); null if it has none.</summary>
    public async Task<Settings?> RefreshAsync(string council)
    {
        var code = council.ToUpperInvariant();
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceDeskDbContext>();
        var provider = code == PeopleRules.SharedIctCode
            ? await db.SignInProviders.AsNoTracking().FirstOrDefaultAsync(p => p.CouncilId == null)
            : await db.SignInProviders.AsNoTracking()
                .Where(p => db.Councils.Any(c => c.Id == p.CouncilId && c.Code == code && c.WithdrawnAt == null)).FirstOrDefaultAsync();
        if (provider is null)
        {
            if (_current.TryRemove(code, out _)) optionsCache.TryRemove(CouncilSignIn.SchemeOf(code));
            return null;
        }
        if (_current.TryGetValue(code, out var known) && known.Stamp == provider.Stamp) return known;
        var settings = new Settings(code, provider.Authority, provider.ClientId, secrets.Unprotect(provider.ProtectedClientSecret), provider.EmailClaim, provider.Stamp);
        _current[code] = settings;
        optionsCache.TryRemove(CouncilSignIn.SchemeOf(code));
        return settings;
    }

    public Settings? Current(string council) => _current.GetValueOrDefault(council);
}

/// <summary>The desk's schemes, and a council's OpenID Connect scheme whenever that council has a provider.</summary>
public sealed class CouncilSignInSchemes(IOptions<AuthenticationOptions> options, CouncilSignInSettings settings, IHttpContextAccessor http)
    : AuthenticationSchemeProvider(options)
{
    public override async Task<AuthenticationScheme?> GetSchemeAsync(string name)
    {
        var scheme = await base.GetSchemeAsync(name);
        if (scheme is not null || !name.StartsWith(CouncilSignIn.SchemePrefix, StringComparison.Ordinal)) return scheme;
        var council = name[CouncilSignIn.SchemePrefix.Length..];
        return await settings.RefreshAsync(council) is null ? null : new AuthenticationScheme(name, null, typeof(OpenIdConnectHandler));
    }

    /// <summary>The provider's answer arrives at /signin-oidc/{council}: that council's scheme handles it.</summary>
    public override async Task<IEnumerable<AuthenticationScheme>> GetRequestHandlerSchemesAsync()
    {
        var schemes = await base.GetRequestHandlerSchemesAsync();
        var path = http.HttpContext?.Request.Path.Value;
        if (path is null || !path.StartsWith(CouncilSignIn.CallbackPrefix, StringComparison.OrdinalIgnoreCase)) return schemes;
        var council = path[CouncilSignIn.CallbackPrefix.Length..].TrimEnd('/');
        if (council.Length is 0 or > 20 || !council.All(char.IsAsciiLetterOrDigit)) return schemes;
        return await GetSchemeAsync(CouncilSignIn.SchemeOf(council)) is { } scheme ? [.. schemes, scheme] : schemes;
    }
}

/// <summary>The OpenID Connect options of a council's scheme, from its settings.</summary>
public sealed class ConfigureCouncilSignIn(CouncilSignInSettings settings) : IConfigureNamedOptions<OpenIdConnectOptions>
{
    public void Configure(OpenIdConnectOptions options) { }

    public void Configure(string? name, OpenIdConnectOptions options)
    {
        if (name is null || !name.StartsWith(CouncilSignIn.SchemePrefix, StringComparison.Ordinal)) return;
        var council = name[CouncilSignIn.SchemePrefix.Length..];
        if (settings.Current(council) is not { } s) return;
        options.Authority = s.Authority;
        // https everywhere but a provider on the same machine (the settings refuse any other http authority).
        options.RequireHttpsMetadata = !SignInProviders.IsAcceptableAuthority(s.Authority) || s.Authority.StartsWith("https:", StringComparison.OrdinalIgnoreCase);
        options.ClientId = s.ClientId;
        options.ClientSecret = s.ClientSecret;
        options.ResponseType = OpenIdConnectResponseType.Code;
        options.UsePkce = true;
        // The answer comes back as a top-level GET, so the correlation cookies can be SameSite=Lax.
        options.ResponseMode = OpenIdConnectResponseMode.Query;
        options.CorrelationCookie.SameSite = SameSiteMode.Lax;
        options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.NonceCookie.SameSite = SameSiteMode.Lax;
        options.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.CallbackPath = SignInProviders.RedirectPath(council);
        options.SignInScheme = IdentityConstants.ExternalScheme;
        options.Scope.Clear();
        foreach (var scope in new[] { "openid", "profile", "email" }) options.Scope.Add(scope);
        options.MapInboundClaims = false;
        options.GetClaimsFromUserInfoEndpoint = false;
        options.SaveTokens = false;
        options.BackchannelTimeout = TimeSpan.FromSeconds(15);
        options.RemoteAuthenticationTimeout = TimeSpan.FromMinutes(15);
        options.TokenValidationParameters.NameClaimType = "name";
        options.Events = new OpenIdConnectEvents
        {
            OnRedirectToIdentityProvider = context =>
            {
                if (context.Properties.Items.TryGetValue(CouncilSignIn.LoginHintItem, out var hint)) context.ProtocolMessage.LoginHint = hint;
                return Task.CompletedTask;
            },
            OnTicketReceived = context => CouncilSignInCompletion.CompleteAsync(context, council, s.EmailClaim),
            OnRemoteFailure = context => CouncilSignInCompletion.FailedAsync(context, council),
            OnAccessDenied = context =>
            {
                context.HandleResponse();
                context.Response.Redirect(CouncilSignIn.Problem("cancelled", council));
                return Task.CompletedTask;
            },
        };
    }
}

/// <summary>What happens when a council's provider answers: the person is matched and signed in, or sent to the problem page.</summary>
public static class CouncilSignInCompletion
{
    public static async Task CompleteAsync(TicketReceivedContext context, string council, string emailClaim)
    {
        var http = context.HttpContext;
        var principal = context.Principal ?? new ClaimsPrincipal();
        context.HandleResponse();
        var configuration = await ((OpenIdConnectOptions)context.Options).ConfigurationManager!.GetConfigurationAsync(http.RequestAborted);
        var issuer = principal.FindFirstValue("iss") ?? principal.Claims.FirstOrDefault()?.Issuer ?? "";
        var subject = principal.FindFirstValue("oid") ?? principal.FindFirstValue("sub");
        var email = principal.FindFirstValue(emailClaim) is { Length: > 0 } claimed ? claimed
            : principal.FindFirstValue("preferred_username") is { } username && username.Contains('@') ? username : null;
        var outcome = await http.RequestServices.GetRequiredService<IMediator>().Send(
            new CompleteCouncilSignIn(council, issuer, configuration.Issuer, subject, email, principal.FindFirstValue("name")), http.RequestAborted);

        if (outcome.PersonId is int personId)
        {
            var signIn = http.RequestServices.GetRequiredService<DeskSignInManager>();
            var user = await signIn.UserManager.Users.FirstAsync(u => u.PersonId == personId, http.RequestAborted);
            // The one check of whether a person may use the desk, as for a password.
            if (await signIn.CanSignInAsync(user))
            {
                signIn.AuthenticationScheme = IdentityConstants.ApplicationScheme;
                await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: "council");
                var back = context.ReturnUri;
                context.Response.Redirect(back is not null && back.StartsWith('/') && !back.StartsWith("//", StringComparison.Ordinal) && !back.StartsWith("/\\", StringComparison.Ordinal) ? back : "/");
                return;
            }
            outcome = outcome with { Refusal = CouncilSignInRefusal.Deactivated };
        }
        Remember(http, outcome.Email);
        context.Response.Redirect(CouncilSignIn.Problem(Reason(outcome.Refusal!.Value), council));
    }

    public static Task FailedAsync(RemoteFailureContext context, string council)
    {
        var failure = context.Failure;
        var reason = failure switch
        {
            SecurityTokenInvalidIssuerException => "wrong-issuer",
            SecurityTokenException => "invalid-token",
            OpenIdConnectProtocolException e when e.Message.Contains("invalid_grant", StringComparison.Ordinal) => "expired",
            OpenIdConnectProtocolException => "provider-refused",
            HttpRequestException or TaskCanceledException or IOException => "provider-down",
            InvalidOperationException e when e.Message.Contains("IDX20803", StringComparison.Ordinal) => "provider-down",
            // The correlation cookie or the state is gone: an old, used or copied link.
            _ when failure?.Message.Contains("Correlation failed", StringComparison.Ordinal) == true
                || failure?.Message.Contains("state", StringComparison.OrdinalIgnoreCase) == true => "expired",
            _ => "failed",
        };
        context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(CouncilSignIn))
            .LogWarning(failure, "Council sign-in for {Council} failed ({Reason}).", council, reason);
        context.HandleResponse();
        context.Response.Redirect(CouncilSignIn.Problem(reason, council));
        return Task.CompletedTask;
    }

    private static string Reason(CouncilSignInRefusal refusal) => refusal switch
    {
        CouncilSignInRefusal.WrongIssuer => "wrong-issuer",
        CouncilSignInRefusal.NoEmail => "no-email",
        CouncilSignInRefusal.NotInCouncil => "not-in-council",
        CouncilSignInRefusal.Deactivated => "deactivated",
        _ => "not-configured",
    };

    private static void Remember(HttpContext http, string? email)
    {
        if (email is null) return;
        var tempData = http.RequestServices.GetRequiredService<ITempDataDictionaryFactory>().GetTempData(http);
        tempData[CouncilSignIn.EmailTempData] = email;
        tempData.Save();
    }
}
