using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ServiceDesk.Web.Security;

/// <summary>
/// Cross-site writes through the sign-in cookie: a browser sends the cookie with a form another site
/// posts, so an API write made with the cookie must also carry the antiforgery token in the
/// RequestVerificationToken header (or a form field), which another site cannot read. Bearer
/// calls carry their credential themselves and are not affected; reads never change anything.
/// </summary>
public static class CookieApiAntiforgery
{
    public const string HeaderName = "RequestVerificationToken";

    /// <summary>The token for a cookie-signed-in caller's writes.</summary>
    public sealed record AntiforgeryTokenView(string HeaderName, string RequestToken);

    public static IServiceCollection AddCookieApiAntiforgery(this IServiceCollection services) =>
        services.AddAntiforgery(o => o.HeaderName = HeaderName);

    /// <summary>Refuses a cookie-authenticated API write without a valid token: 400 naming the header.</summary>
    public static IApplicationBuilder UseCookieApiAntiforgery(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (NeedsToken(context))
        {
            var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails = new HttpValidationProblemDetails(new Dictionary<string, string[]>
                    {
                        [HeaderName] = [$"A change made with the sign-in cookie needs the {HeaderName} header: GET /api/v1/auth/antiforgery gives its value."],
                    })
                    {
                        Status = StatusCodes.Status400BadRequest,
                        Title = "The request could not be checked as coming from the desk.",
                    },
                });
                return;
            }
        }
        await next(context);
    });

    /// <summary>GET /api/v1/auth/antiforgery: the header a cookie-signed-in caller sends with its writes.</summary>
    public static RouteGroupBuilder MapAntiforgeryEndpoint(this RouteGroupBuilder api)
    {
        api.MapGet("/auth/antiforgery", Ok<AntiforgeryTokenView> (HttpContext context, IAntiforgery antiforgery) =>
            {
                var tokens = antiforgery.GetAndStoreTokens(context);
                return TypedResults.Ok(new AntiforgeryTokenView(HeaderName, tokens.RequestToken!));
            })
            .WithTags("Sign-in")
            .WithSummary("For callers signed in with the cookie: the header and token to send with every change (bearer callers need none).");
        return api;
    }

    private static bool NeedsToken(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/api")) return false;
        if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
            || HttpMethods.IsOptions(context.Request.Method) || HttpMethods.IsTrace(context.Request.Method)) return false;
        if (context.User.Identity?.IsAuthenticated != true) return false;
        // A bearer call names its credential in the Authorization header; the cookie is the browser's.
        var authorization = context.Request.Headers.Authorization.ToString();
        return !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
    }
}
