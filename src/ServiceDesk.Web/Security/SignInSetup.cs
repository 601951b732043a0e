using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ServiceDesk.Core.Features.Accounts;
using ServiceDesk.Infrastructure.Identity;
using ServiceDesk.Infrastructure.Persistence;

namespace ServiceDesk.Web.Security;

/// <summary>
/// Sign-in for pages (cookie) and the API (bearer tokens) with ASP.NET Core Identity: the password
/// rule, lockout, invitation and reset tokens, rate limits, and the check on every request that a
/// sign-in still holds.
/// </summary>
public static class SignInSetup
{
    public static IServiceCollection AddDeskSignIn(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddIdentityApiEndpoints<DeskUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                // NCSC: length and a list of common passwords (DeskPasswordValidator), no composition rules.
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 10;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Tokens.PasswordResetTokenProvider = ResetTokenProvider.ProviderName;
            })
            .AddTokenProvider<InvitationTokenProvider>(InvitationTokenProvider.ProviderName)
            .AddTokenProvider<ResetTokenProvider>(ResetTokenProvider.ProviderName)
            .AddSignInManager<DeskSignInManager>()
            .AddEntityFrameworkStores<ServiceDeskDbContext>();
        services.AddScoped(sp => (DeskSignInManager)sp.GetRequiredService<SignInManager<DeskUser>>());
        // Identity's own validator would repeat the length rule in its words; the desk's says it once.
        services.RemoveAll<IPasswordValidator<DeskUser>>();
        services.AddScoped<IPasswordValidator<DeskUser>, DeskPasswordValidator>();
        services.AddDeskRateLimits(configuration);
        return services;
    }

    /// <summary>
    /// After authentication: a sign-in whose security stamp is no longer the account's (signed out,
    /// password changed or reset, person deactivated) counts as no sign-in at all, so the API and the
    /// hub answer 401 and pages ask the person to sign in again.
    /// </summary>
    public static IApplicationBuilder UseSignInCheck(this IApplicationBuilder app)
    {
        // Loaded once, at start: a missing list stops the desk rather than letting any password through.
        app.ApplicationServices.GetRequiredService<CommonPasswords>();
        return app.Use(async (context, next) =>
        {
            if (context.User.Identity?.IsAuthenticated == true
                && await context.RequestServices.GetRequiredService<DeskSignInManager>().ValidateSecurityStampAsync(context.User) is null)
            {
                var cookie = context.RequestServices.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme).Cookie.Name;
                if (cookie is not null && context.Request.Cookies.ContainsKey(cookie))
                    await context.SignOutAsync(IdentityConstants.ApplicationScheme);
                context.User = new ClaimsPrincipal(new ClaimsIdentity());
            }
            await next();
        });
    }
}
