using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ServiceDesk.Infrastructure.Identity;

namespace ServiceDesk.Api.Tests.Security;

/// <summary>
/// Refresh tokens work once; signing out, changing the password or a new security stamp (as when a
/// person is deactivated) ends every bearer token, refresh token and cookie at once.
/// </summary>
public sealed class TokenTests(OwnDesk desk) : IClassFixture<OwnDesk>
{
    private static Task<HttpResponseMessage> RefreshAsync(HttpClient client, string refreshToken) =>
        client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken });

    [Fact]
    public async Task A_refresh_token_works_once()
    {
        using var client = desk.CreateClient();
        var tokens = await client.TokensAsync(Accounts.MaidstoneRequester);
        var refreshed = await (await RefreshAsync(client, tokens.Str("refreshToken"))).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, await client.MeAsync(refreshed.Str("accessToken")));

        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(client, tokens.Str("refreshToken"))).StatusCode);
        // The new refresh token still works, once.
        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(client, refreshed.Str("refreshToken"))).StatusCode);
    }

    [Fact]
    public async Task Signing_out_ends_every_bearer_and_refresh_token_of_the_account()
    {
        using var client = desk.CreateClient();
        var laptop = await client.TokensAsync(Accounts.MaidstoneRequester2);
        var phone = await client.TokensAsync(Accounts.MaidstoneRequester2);
        Assert.Equal(HttpStatusCode.OK, await client.MeAsync(phone.Str("accessToken")));

        var signOut = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/sign-out").WithBearer(laptop.Str("accessToken")));
        Assert.Equal(HttpStatusCode.NoContent, signOut.StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, await client.MeAsync(laptop.Str("accessToken")));
        Assert.Equal(HttpStatusCode.Unauthorized, await client.MeAsync(phone.Str("accessToken")));
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(client, phone.Str("refreshToken"))).StatusCode);
        // Signing in again works.
        Assert.Equal(HttpStatusCode.OK, await client.MeAsync((await client.TokensAsync(Accounts.MaidstoneRequester2)).Str("accessToken")));
    }

    [Fact]
    public async Task Changing_the_password_ends_the_other_sign_ins()
    {
        using var client = desk.CreateClient();
        var other = await client.TokensAsync(Accounts.SwaleRequester);
        var here = await client.TokensAsync(Accounts.SwaleRequester);
        var change = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/me/password")
        {
            Content = JsonContent.Create(new { currentPassword = SecurityDesk.DemoPassword, newPassword = "harbour pencil meadow drum" }),
        }.WithBearer(here.Str("accessToken")));
        Assert.Equal(HttpStatusCode.NoContent, change.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await client.MeAsync(other.Str("accessToken")));
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(client, other.Str("refreshToken"))).StatusCode);
    }

    [Fact]
    public async Task A_new_security_stamp_ends_a_sign_in_cookie_and_pages_ask_to_sign_in_again()
    {
        using var browser = desk.CreateClient(new() { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.OK, (await browser.LoginAsync(Accounts.SwaleRequester2, SecurityDesk.DemoPassword, cookies: true)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/my-tickets")).StatusCode);

        // What deactivating a person does: a new security stamp.
        using (var scope = desk.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<DeskUser>>();
            await users.UpdateSecurityStampAsync((await users.FindByEmailAsync(Accounts.SwaleRequester2))!);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v1/me")).StatusCode);
        var page = await browser.GetAsync("/my-tickets");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/sign-in", page.Headers.Location!.PathAndQuery);
    }
}
