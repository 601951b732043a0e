using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ServiceDesk.Api.Tests.Security;

/// <summary>
/// A desk with low rate limits. The in-memory server has no client address, so each test names
/// its own with a header that only this desk reads, as if it came from another machine.
/// </summary>
public sealed class LowLimitDesk : DeskFactory
{
    public const string ClientHeader = "X-Test-Client-Address";

    protected override IEnumerable<(string Key, string Value)> Settings =>
    [
        ("ServiceDesk:RateLimits:SignIn:Permits", "4"),
        ("ServiceDesk:RateLimits:SignInPerEmail:Permits", "3"),
        ("ServiceDesk:RateLimits:PasswordReset:Permits", "2"),
        ("ServiceDesk:RateLimits:Api:Permits", "5"),
    ];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, ClientAddressFilter>());
    }

    public HttpClient ClientFrom(string address, bool redirects = true)
    {
        var client = CreateClient(new() { AllowAutoRedirect = redirects });
        client.DefaultRequestHeaders.Add(ClientHeader, address);
        return client;
    }

    private sealed class ClientAddressFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext http, RequestDelegate inner) =>
            {
                if (http.Request.Headers[ClientHeader] is [{ } address]) http.Connection.RemoteIpAddress = IPAddress.Parse(address);
                return inner(http);
            });
            next(app);
        };
    }
}

/// <summary>Sign-in, password resets and the API are rate limited; over the limit the answer is 429 with Retry-After.</summary>
public sealed class RateLimitTests(LowLimitDesk desk) : IClassFixture<LowLimitDesk>
{
    private static void AssertTooMany(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta is { TotalSeconds: > 0 }, $"Retry-After: {response.Headers.RetryAfter}");
    }

    [Fact]
    public async Task Too_many_API_sign_ins_from_one_address_get_429_with_Retry_After_and_a_problem()
    {
        using var client = desk.ClientFrom("192.0.2.10");
        for (var i = 0; i < 4; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.LoginAsync($"someone{i}@maidstone.example", "wrong-password-here")).StatusCode);
        var refused = await client.LoginAsync(Accounts.Agent, SecurityDesk.DemoPassword);
        AssertTooMany(refused);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(429, (await refused.JsonAsync(HttpStatusCode.TooManyRequests)).GetProperty("status").GetInt32());

        // Another address is not held back.
        using var elsewhere = desk.ClientFrom("192.0.2.11");
        Assert.Equal(HttpStatusCode.OK, (await elsewhere.LoginAsync(Accounts.Agent, SecurityDesk.DemoPassword)).StatusCode);
    }

    [Fact]
    public async Task Too_many_sign_ins_for_one_email_get_429_whatever_the_address()
    {
        for (var i = 0; i < 3; i++)
        {
            using var client = desk.ClientFrom($"198.51.100.{i + 1}");
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.LoginAsync(Accounts.SwaleApprover, "wrong-password-here")).StatusCode);
        }
        using var last = desk.ClientFrom("198.51.100.50");
        AssertTooMany(await last.LoginAsync(Accounts.SwaleApprover, SecurityDesk.DemoPassword));
    }

    [Fact]
    public async Task A_person_over_the_limit_on_the_sign_in_page_sees_a_page_saying_to_wait()
    {
        using var browser = desk.ClientFrom("192.0.2.20");
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/sign-in")).StatusCode);
        for (var i = 0; i < 4; i++)
            await browser.SubmitFormAsync("/sign-in", new Dictionary<string, string> { ["email"] = $"person{i}@swale.example", ["password"] = "wrong-password-here" });
        var refused = await browser.SubmitFormAsync("/sign-in", new Dictionary<string, string> { ["email"] = Accounts.SwaleRequester, ["password"] = SecurityDesk.DemoPassword });
        AssertTooMany(refused);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("Too many attempts", page);
        Assert.Contains("govuk-", page);
        // Showing the page is never limited.
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/sign-in")).StatusCode);
    }

    [Fact]
    public async Task Too_many_password_reset_requests_get_429()
    {
        using var client = desk.ClientFrom("192.0.2.30");
        for (var i = 0; i < 2; i++)
            Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/api/v1/auth/forgot-password", new { email = Accounts.MaidstoneRequester })).StatusCode);
        AssertTooMany(await client.PostAsJsonAsync("/api/v1/auth/forgot-password", new { email = Accounts.MaidstoneRequester }));
    }

    [Fact]
    public async Task The_API_limits_each_signed_in_person_not_their_neighbours()
    {
        using var client = desk.ClientFrom("192.0.2.40");
        var alice = (await client.TokensAsync(Accounts.MaidstoneRequester2)).Str("accessToken");
        var ben = (await client.TokensAsync(Accounts.TunbridgeWellsRequester)).Str("accessToken");
        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.OK, await client.MeAsync(alice));
        AssertTooMany(await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/v1/me").WithBearer(alice)));
        // Someone else from the same address still has their own share.
        Assert.Equal(HttpStatusCode.OK, await client.MeAsync(ben));
    }
}
