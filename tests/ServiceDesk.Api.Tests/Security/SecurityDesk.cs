using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceDesk.Core.Domain.Notifications;
using ServiceDesk.Infrastructure.Persistence;

namespace ServiceDesk.Api.Tests.Security;

/// <summary>Sign-in and mail helpers for the security tests.</summary>
public static partial class SecurityDesk
{
    public const string DemoPassword = "Demo-Desk-2026!";

    /// <summary>Posts email and password to the API sign-in.</summary>
    public static Task<HttpResponseMessage> LoginAsync(this HttpClient client, string email, string password, bool cookies = false) =>
        client.PostAsJsonAsync("/api/v1/auth/login" + (cookies ? "?useCookies=true" : ""), new { email, password });

    /// <summary>Signs in by API and returns the token response (accessToken, refreshToken).</summary>
    public static async Task<JsonElement> TokensAsync(this HttpClient client, string email, string password = DemoPassword) =>
        await (await client.LoginAsync(email, password)).JsonAsync(HttpStatusCode.OK);

    public static HttpRequestMessage WithBearer(this HttpRequestMessage request, string token)
    {
        request.Headers.Authorization = new("Bearer", token);
        return request;
    }

    public static async Task<HttpStatusCode> MeAsync(this HttpClient client, string accessToken) =>
        (await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/v1/me").WithBearer(accessToken))).StatusCode;

    /// <summary>Opens a page and posts its form back with the fields given, as a browser would (anti-forgery token included).</summary>
    public static async Task<HttpResponseMessage> SubmitFormAsync(this HttpClient client, string pageUrl, IDictionary<string, string> fields, string? postUrl = null)
    {
        var page = await client.GetStringAsync(pageUrl);
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = AntiForgery().Match(page).Groups[1].Value };
        foreach (Match hidden in Hidden().Matches(page))
            form.TryAdd(WebUtility.HtmlDecode(hidden.Groups[1].Value), WebUtility.HtmlDecode(hidden.Groups[2].Value));
        return await client.PostAsync(postUrl ?? pageUrl, new FormUrlEncodedContent(form));
    }

    /// <summary>The mail of one kind waiting in the outbox for an address, newest first.</summary>
    public static async Task<List<Notification>> MailToAsync(this DeskFactory desk, string email, string kind)
    {
        using var scope = desk.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceDeskDbContext>();
        return await db.Notifications.AsNoTracking().Where(n => n.RecipientEmail == email && n.Kind == kind).OrderByDescending(n => n.Id).ToListAsync();
    }

    /// <summary>The choose-password link in an email, relative to the site.</summary>
    public static string LinkIn(Notification mail)
    {
        var link = Link().Match(mail.Body);
        Assert.True(link.Success, $"no link in: {mail.Body}");
        return new Uri(link.Value).PathAndQuery;
    }

    /// <summary>A query value of a link.</summary>
    public static string QueryValue(string link, string name) =>
        Uri.UnescapeDataString(Regex.Match(link, $"[?&]{name}=([^&]+)").Groups[1].Value);

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiForgery();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")]
    private static partial Regex Hidden();

    [GeneratedRegex(@"https?://\S+/account/choose-password\S+")]
    private static partial Regex Link();
}

/// <summary>A desk of its own for one class of security tests (they change passwords and lock accounts).</summary>
public sealed class OwnDesk : DeskFactory;
