using System.Net;
using System.Text.RegularExpressions;
using ServiceDesk.Api.Tests.Browser;

namespace ServiceDesk.Api.Tests.SignIn;

/// <summary>
/// A live desk with two real OpenID providers on loopback standing in for two councils' tenants:
/// provider A is Maidstone's (MBC), provider B is Swale's (SBC). Shared by the council sign-in and
/// provisioning tests.
/// </summary>
public sealed class CouncilSignInDesk : IAsyncLifetime
{
    public LiveDesk Desk { get; private set; } = null!;
    public OidcProvider Maidstone { get; private set; } = null!;
    public OidcProvider Swale { get; private set; } = null!;
    public HttpClient Manager { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        if (OidcProvider.Node is null) return;
        Desk = new LiveDesk();
        Maidstone = await OidcProvider.StartAsync("mbc", $"{Desk.BaseUrl}/signin-oidc/mbc");
        Swale = await OidcProvider.StartAsync("sbc", $"{Desk.BaseUrl}/signin-oidc/sbc");
        Manager = await Desk.SignInAsync(Accounts.ServiceManager);
        await Manager.PutJsonAsync("/api/v1/councils/MBC/sign-in", new { authority = Maidstone.Issuer, clientId = Maidstone.ClientId, clientSecret = Maidstone.ClientSecret });
        await Manager.PutJsonAsync("/api/v1/councils/SBC/sign-in", new { authority = Swale.Issuer, clientId = Swale.ClientId, clientSecret = Swale.ClientSecret });
    }

    public async ValueTask DisposeAsync()
    {
        if (Desk is null) return;
        Manager.Dispose();
        await Maidstone.DisposeAsync();
        await Swale.DisposeAsync();
        await Desk.DisposeAsync();
    }

    /// <summary>A browser-like client (cookies, redirects followed by hand) on the live desk.</summary>
    public CouncilAccountBrowser NewBrowser() => new(Desk.BaseUrl);
}

[CollectionDefinition(Name)]
public sealed class CouncilSignInCollection : ICollectionFixture<CouncilSignInDesk>
{
    public const string Name = "council sign-in";
}

/// <summary>
/// Signs in the way a browser does, over HTTP: the desk's form, the provider's sign-in form, and every
/// redirect between them followed by hand, so a test can see (and replay) the provider's answer.
/// </summary>
public sealed partial class CouncilAccountBrowser : IDisposable
{
    private readonly string _baseUrl;
    private readonly HttpClient _http;

    public CouncilAccountBrowser(string baseUrl)
    {
        _baseUrl = baseUrl;
        Cookies = new CookieContainer();
        _http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = Cookies, UseCookies = true });
    }

    public CookieContainer Cookies { get; }

    /// <summary>The desk's address the provider last sent the browser back to (its answer: code and state).</summary>
    public string? Callback { get; private set; }

    /// <summary>
    /// Types <paramref name="deskEmail"/> into "Sign in with your council account", signs in at the provider
    /// the desk picks as <paramref name="providerLogin"/>, and returns the desk page the browser ends on.
    /// </summary>
    public async Task<Uri> SignInAsync(string deskEmail, string providerLogin)
    {
        _pendingLogin = providerLogin;
        var page = await (await _http.GetAsync(_baseUrl + "/sign-in")).Content.ReadAsStringAsync();
        var token = AntiforgeryField().Match(page).Groups[1].Value;
        var response = await _http.PostAsync(_baseUrl + "/sign-in?handler=council", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["councilEmail"] = deskEmail, ["__RequestVerificationToken"] = token,
        }));
        var (landing, body) = await FollowAsync(response);
        LastPage = body;
        return landing;
    }

    /// <summary>The page the journey ended on, when it was not a redirect (the sign-in form with an error).</summary>
    public string? LastPage { get; private set; }

    private async Task<(Uri Where, string? Body)> FollowAsync(HttpResponseMessage response)
    {
        var where = response.RequestMessage!.RequestUri!;
        for (var hops = 0; hops < 20; hops++)
        {
            if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther or HttpStatusCode.Found or HttpStatusCode.TemporaryRedirect)
            {
                where = new Uri(where, response.Headers.Location!);
                if (where.AbsolutePath.StartsWith("/signin-oidc/", StringComparison.Ordinal)) Callback = where.AbsoluteUri;
                // At the desk's own pages the journey ends: the test reads where it was sent.
                if (where.AbsoluteUri.StartsWith(_baseUrl, StringComparison.Ordinal) && !where.AbsolutePath.StartsWith("/signin-oidc/", StringComparison.Ordinal))
                    return (where, null);
                response = await _http.GetAsync(where);
                continue;
            }
            var body = await response.Content.ReadAsStringAsync();
            var form = LoginForm().Match(body);
            if (!form.Success) return (where, body);
            // The provider's sign-in form: any password is accepted.
            response = await _http.PostAsync(new Uri(where, WebUtility.HtmlDecode(form.Groups[1].Value)), new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["prompt"] = "login", ["login"] = _pendingLogin!, ["password"] = "any password",
            }));
            where = response.RequestMessage!.RequestUri!;
        }
        throw new InvalidOperationException("Too many redirects.");
    }

    private string? _pendingLogin;

    /// <summary>Opens the callback again (a replayed or copied sign-in answer).</summary>
    public async Task<Uri> ReplayCallbackAsync()
    {
        var response = await _http.GetAsync(Callback!);
        return new Uri(new Uri(Callback!), response.Headers.Location!);
    }

    public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(_baseUrl + path);

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("<form[^>]*action=\"([^\"]+)\"[^>]*method=\"post\"")]
    private static partial Regex LoginForm();
}
