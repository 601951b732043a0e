using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;

namespace ServiceDesk.Api.Tests.Security;

/// <summary>
/// Every response says what a browser may do with it: only the desk's own script files run, no other
/// site frames a page, nothing is sniffed, no ticket address leaks as a referrer.
/// </summary>
[Collection(DeskCollection.Name)]
public sealed partial class SecurityHeadersTests(SharedDesk desk)
{
    [GeneratedRegex(@"<script\b(?![^>]*\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex(@"<[a-z][^>]*\son[a-z]+\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex InlineHandler();

    [Theory]
    [InlineData("/sign-in")]
    [InlineData("/api/v1/me")]
    [InlineData("/css/desk.css")]
    [InlineData("/no-such-page")]
    [InlineData("/api/v1/no-such-thing")]
    public async Task Every_response_carries_the_content_security_policy_nosniff_and_referrer_policy(string path)
    {
        var response = await desk.CreateClient().GetAsync(path);

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("same-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Theory]
    [InlineData(null, "/sign-in")]
    [InlineData(Accounts.MaidstoneRequester, "/my-tickets")]
    [InlineData(Accounts.Agent, "/desk")]
    [InlineData(Accounts.ServiceManager, "/reports/sla")]
    public async Task Pages_have_no_inline_script_for_the_policy_to_block(string? email, string path)
    {
        var client = email is null ? desk.CreateClient() : await desk.SignInWithCookieAsync(email);
        var html = await client.GetStringAsync(path);

        Assert.Contains("<script src=", html);
        Assert.DoesNotMatch(InlineScript(), html);
        Assert.DoesNotMatch(InlineHandler(), html);
    }

    [Fact]
    public async Task Behind_a_known_proxy_that_says_https_the_desk_sends_HSTS_and_plain_http_is_redirected()
    {
        await using var production = new ProductionDesk(
            ("ServiceDesk:ForwardedHeaders:KnownProxies:0", "10.1.2.3"), ("https_port", "443"));

        var viaProxy = await production.Server.SendAsync(c => Request(c, from: "10.1.2.3", proto: "https"));
        Assert.Equal(StatusCodes.Status200OK, viaProxy.Response.StatusCode);
        Assert.StartsWith("max-age=", viaProxy.Response.Headers.StrictTransportSecurity.ToString());

        // The same claim from an address nobody vouches for is not believed: the request is plain http.
        var spoofed = await production.Server.SendAsync(c => Request(c, from: "192.0.2.66", proto: "https"));
        Assert.Equal(StatusCodes.Status307TemporaryRedirect, spoofed.Response.StatusCode);
        Assert.Equal("https://desk.partnership.example/sign-in", spoofed.Response.Headers.Location.ToString());
        Assert.Empty(spoofed.Response.Headers.StrictTransportSecurity.ToString());
    }

    private static void Request(HttpContext context, string from, string proto)
    {
        context.Request.Method = HttpMethods.Get;
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("desk.partnership.example");
        context.Request.Path = "/sign-in";
        context.Request.Headers["X-Forwarded-Proto"] = proto;
        context.Request.Headers["X-Forwarded-For"] = "203.0.113.7";
        context.Connection.RemoteIpAddress = IPAddress.Parse(from);
    }
}
