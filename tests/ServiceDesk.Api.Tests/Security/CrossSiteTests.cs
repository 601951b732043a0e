using System.Net;
using System.Net.Http.Headers;

namespace ServiceDesk.Api.Tests.Security;

/// <summary>
/// Another site can make a signed-in browser post to the desk with its cookie, but cannot read the
/// antiforgery token: cookie-authenticated API writes without it are refused and change nothing.
/// Bearer callers are not affected.
/// </summary>
[Collection(DeskCollection.Name)]
public sealed class CrossSiteTests(SharedDesk desk)
{
    private static HttpRequestMessage FromEvil(HttpMethod method, string url, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = content };
        request.Headers.Add("Origin", "http://evil.example");
        return request;
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response)
    {
        var problem = await response.JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("RequestVerificationToken", out _), problem.ToString());
    }

    [Fact]
    public async Task A_cross_site_form_cannot_take_a_ticket_attach_a_file_or_send_a_report_with_the_cookie()
    {
        var alice = await desk.SignInAsync(Accounts.MaidstoneRequester);
        var reference = await alice.RaiseAsync(await alice.ServiceIdAsync("Desktop hardware"), "Cross-site: keyboard missing keys");

        var priyaCookie = await desk.SignInWithCookieAsync(Accounts.Agent);
        await AssertRefusedAsync(await priyaCookie.SendAsync(FromEvil(HttpMethod.Post, $"/api/v1/tickets/{reference}/take",
            new FormUrlEncodedContent([]))));

        var aliceCookie = await desk.SignInWithCookieAsync(Accounts.MaidstoneRequester);
        var file = new MultipartFormDataContent();
        var part = new ByteArrayContent("planted"u8.ToArray());
        part.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        file.Add(part, "file", "planted.txt");
        await AssertRefusedAsync(await aliceCookie.SendAsync(FromEvil(HttpMethod.Post, $"/api/v1/tickets/{reference}/attachments", file)));

        var robCookie = await desk.SignInWithCookieAsync(Accounts.ServiceManager);
        await AssertRefusedAsync(await robCookie.SendAsync(FromEvil(HttpMethod.Post, "/api/v1/reports/sla/send?council=MBC&month=2026-10")));

        var ticket = await alice.GetJsonAsync($"/api/v1/tickets/{reference}");
        Assert.Equal(JsonValueKindNull, ticket.GetProperty("owner").ValueKind);
        Assert.Empty(ticket.GetProperty("attachments").EnumerateArray());
    }

    [Fact]
    public async Task The_desks_own_cookie_caller_writes_with_the_antiforgery_header_and_bearer_callers_need_none()
    {
        var alice = await desk.SignInAsync(Accounts.MaidstoneRequester);
        var reference = await alice.RaiseAsync(await alice.ServiceIdAsync("Desktop hardware"), "Cross-site: mouse double-clicks");

        var priyaCookie = await desk.SignInWithCookieAsync(Accounts.Agent);
        var token = await priyaCookie.GetJsonAsync("/api/v1/auth/antiforgery");
        using var take = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/tickets/{reference}/take");
        take.Headers.Add(token.Str("headerName"), token.Str("requestToken"));
        var taken = await (await priyaCookie.SendAsync(take)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Priya Shah", taken.GetProperty("owner").Str("name"));

        // A bearer call carries its own credential: no token needed.
        await alice.PostJsonAsync($"/api/v1/tickets/{reference}/comments", new { body = "It also drags files by itself." });
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;
}
