using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace ServiceDesk.Web.Security;

/// <summary>
/// The headers every response carries: a Content-Security-Policy that runs only the desk's own
/// script files (no inline script, no eval) and lets no other site frame a page, nosniff, and a
/// referrer policy that keeps ticket addresses inside the desk.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>The policy of the desk's pages and API.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The job dashboard is a third-party page with scripts of its own: it is only kept out of frames.</summary>
    public const string DashboardPolicy = "frame-ancestors 'none'";

    /// <summary>
    /// HttpContext item: further origins a page's forms may lead to (the sign-in page's form goes on to
    /// the councils' identity providers, and browsers apply form-action to the redirect too).
    /// </summary>
    public const string FormActionItem = "ServiceDesk.FormAction";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        // Written as the response starts, so error and status pages (which clear the headers) carry them too.
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/hangfire") ? DashboardPolicy
                : context.Items[FormActionItem] is string origins && origins.Length > 0
                    ? ContentSecurityPolicy.Replace("form-action 'self'", "form-action 'self' " + origins, StringComparison.Ordinal)
                    : ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            return Task.CompletedTask;
        });
        return next(context);
    });
}

/// <summary>
/// The reverse proxies (load balancers) whose X-Forwarded-For and X-Forwarded-Proto the desk
/// believes, as ServiceDesk:ForwardedHeaders:KnownProxies (addresses) and KnownNetworks (CIDR,
/// e.g. 10.0.0.0/8). Loopback is always believed. Behind a TLS-terminating proxy this makes the
/// desk see https, so it sends HSTS and does not redirect.
/// </summary>
public sealed class ForwardedHeadersSettings
{
    public const string Section = "ServiceDesk:ForwardedHeaders";

    public List<string> KnownProxies { get; set; } = [];
    public List<string> KnownNetworks { get; set; } = [];

    public static IServiceCollection AddDeskForwardedHeaders(IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(Section).Get<ForwardedHeadersSettings>() ?? new ForwardedHeadersSettings();
        var proxies = settings.KnownProxies.Select(p => IPAddress.TryParse(p.Trim(), out var address)
            ? address : throw new InvalidOperationException($"{Section}:KnownProxies: '{p}' is not an IP address, e.g. 10.0.0.5.")).ToList();
        var networks = settings.KnownNetworks.Select(n => System.Net.IPNetwork.TryParse(n.Trim(), out var network)
            ? network : throw new InvalidOperationException($"{Section}:KnownNetworks: '{n}' is not a network in CIDR form, e.g. 10.0.0.0/8.")).ToList();
        return services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in proxies) o.KnownProxies.Add(proxy);
            foreach (var network in networks) o.KnownIPNetworks.Add(network);
        });
    }
}
