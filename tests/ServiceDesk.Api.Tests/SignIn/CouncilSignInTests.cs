using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OpenQA.Selenium;
using ServiceDesk.Api.Tests.Browser;

namespace ServiceDesk.Api.Tests.SignIn;

/// <summary>
/// Council staff sign in with their council account through a real OpenID provider (npm oidc-provider)
/// on loopback: Maidstone's tenant (provider A) and Swale's (provider B).
/// </summary>
[Collection(CouncilSignInCollection.Name)]
public sealed class CouncilSignInTests(CouncilSignInDesk fixture)
{
    private LiveDesk Desk => fixture.Desk;

    [Fact]
    public async Task A_new_member_of_Maidstone_staff_signs_in_in_Chromium_with_their_council_account_and_no_desk_password()
    {
        OidcProvider.RequireInstalled();
        Chromium.RequireInstalled();
        const string email = "nadia.price@maidstone.example";
        using var browser = new Chromium(Desk.BaseUrl);
        browser.Open("/sign-in");
        var failures = browser.Audit("sign-in-council").ToList();
        browser.Driver.FindElement(By.Id("councilEmail")).SendKeys(email);
        browser.Driver.FindElement(By.Id("council-sign-in")).Click();

        // The council's own sign-in page (the provider's), then back to the desk, signed in.
        browser.Until(d => d.Url.StartsWith(fixture.Maidstone.Issuer, StringComparison.Ordinal), "the council's sign-in page");
        // The desk passed the address on as a login hint; the provider's form starts with it.
        Assert.Equal(email, browser.Driver.FindElement(By.Name("login")).GetAttribute("value"));
        browser.Driver.FindElement(By.Name("password")).SendKeys("council password, not the desk's");
        browser.Driver.FindElement(By.CssSelector("button[type=submit]")).Click();
        try
        {
            browser.Until(d => d.Url.StartsWith(Desk.BaseUrl, StringComparison.Ordinal) && d.FindElement(By.CssSelector(".sd-account__who")).Text.Contains("Nadia", StringComparison.Ordinal),
                "signed in as Nadia");
        }
        catch (OpenQA.Selenium.WebDriverTimeoutException)
        {
            browser.Screenshot("council-sign-in-stuck");
            Assert.Fail($"Not signed in: at {browser.Driver.Url}: {browser.Driver.FindElement(By.TagName("body")).Text}");
        }
        Assert.Equal(Desk.BaseUrl + "/", browser.Driver.Url);
        failures.AddRange(browser.Audit("signed-in-with-council-account"));
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));

        // Enrolled just in time as a requester of Maidstone, with no desk password.
        var people = await fixture.Manager.GetJsonAsync($"/api/v1/people?q={email}");
        var person = people.GetProperty("items").EnumerateArray().Single();
        Assert.Equal("MBC", person.Str("mainCouncil"));
        Assert.Equal(["Requester"], person.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        using var client = Desk.CreateClient();
        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = "council password, not the desk's" });
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
    }

    [Fact]
    public async Task Existing_staff_are_matched_by_email_then_by_the_providers_subject()
    {
        OidcProvider.RequireInstalled();
        using var browser = fixture.NewBrowser();
        var landing = await browser.SignInAsync(Accounts.MaidstoneRequester2, Accounts.MaidstoneRequester2);
        Assert.Equal("/", landing.AbsolutePath);
        var me = JsonDocument.Parse(await (await browser.GetAsync("/api/v1/me")).Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(Accounts.MaidstoneRequester2, me.Str("email"));

        // Remembered by subject: after the desk's address for Ben changes, the provider's account still finds him.
        var id = (await fixture.Manager.GetJsonAsync($"/api/v1/people?q={Accounts.MaidstoneRequester2}")).GetProperty("items")[0].GetProperty("id").GetInt32();
        await fixture.Manager.PutJsonAsync($"/api/v1/people/{id}", new { name = "Ben Carter", email = "benjamin.carter@maidstone.example", councils = new[] { "MBC" }, roles = new[] { "Requester" } });
        using var again = fixture.NewBrowser();
        Assert.Equal("/", (await again.SignInAsync(Accounts.MaidstoneRequester2, Accounts.MaidstoneRequester2)).AbsolutePath);
        var who = JsonDocument.Parse(await (await again.GetAsync("/api/v1/me")).Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("benjamin.carter@maidstone.example", who.Str("email"));
        await fixture.Manager.PutJsonAsync($"/api/v1/people/{id}", new { name = "Ben Carter", email = Accounts.MaidstoneRequester2, councils = new[] { "MBC" }, roles = new[] { "Requester" } });
    }

    [Fact]
    public async Task Maidstones_provider_cannot_sign_in_a_Swale_person_nor_an_address_outside_Maidstone()
    {
        OidcProvider.RequireInstalled();
        using var browser = fixture.NewBrowser();
        // The desk sends a Maidstone address to Maidstone's tenant, which says it signed in a Swale person.
        var landing = await browser.SignInAsync(Accounts.MaidstoneRequester, Accounts.SwaleRequester);
        Assert.Equal("/sign-in/council/problem", landing.AbsolutePath);
        Assert.Contains("reason=not-in-council", landing.Query, StringComparison.Ordinal);
        var page = await (await browser.GetAsync(landing.PathAndQuery)).Content.ReadAsStringAsync();
        Assert.Contains("Your account is not one of this council&#x27;s", page, StringComparison.Ordinal);
        Assert.Contains(Accounts.SwaleRequester, page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v1/me")).StatusCode);

        using var stranger = fixture.NewBrowser();
        landing = await stranger.SignInAsync(Accounts.MaidstoneRequester, "someone@elsewhere.example");
        Assert.Contains("reason=not-in-council", landing.Query, StringComparison.Ordinal);
        Assert.Equal(0, (await fixture.Manager.GetJsonAsync("/api/v1/people?q=elsewhere.example")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Swale_staff_sign_in_only_through_Swales_own_provider()
    {
        OidcProvider.RequireInstalled();
        using var browser = fixture.NewBrowser();
        Assert.Equal("/", (await browser.SignInAsync(Accounts.SwaleRequester2, Accounts.SwaleRequester2)).AbsolutePath);
        Assert.StartsWith(Desk.BaseUrl + "/signin-oidc/sbc?", browser.Callback, StringComparison.Ordinal);

        // Swale's answer delivered to Maidstone's address is not Maidstone's: the state and correlation do not belong there.
        using var crossed = fixture.NewBrowser();
        await crossed.SignInAsync(Accounts.SwaleRequester, Accounts.SwaleRequester);
        var forged = crossed.Callback!.Replace("/signin-oidc/sbc", "/signin-oidc/mbc", StringComparison.Ordinal);
        var response = await crossed.GetAsync(new Uri(forged).PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/sign-in/council/problem", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_replayed_answer_an_unknown_domain_and_a_provider_that_is_down_each_get_a_page_that_says_so()
    {
        OidcProvider.RequireInstalled();
        using var browser = fixture.NewBrowser();
        Assert.Equal("/", (await browser.SignInAsync(Accounts.MaidstoneApprover, Accounts.MaidstoneApprover)).AbsolutePath);
        var replayed = await browser.ReplayCallbackAsync();
        Assert.Equal("/sign-in/council/problem", replayed.AbsolutePath);
        Assert.Contains("reason=expired", replayed.Query, StringComparison.Ordinal);
        var page = await browser.GetAsync(replayed.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("That sign-in has expired or was already used", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var unknown = fixture.NewBrowser();
        var landing = await unknown.SignInAsync("someone@nowhere.example", "someone@nowhere.example");
        Assert.Contains("No council signs in with its own account for nowhere.example", unknown.LastPage, StringComparison.Ordinal);

        // Tunbridge Wells' provider is configured at an address where nothing answers.
        await fixture.Manager.PutJsonAsync("/api/v1/councils/TWBC/sign-in", new { authority = $"http://127.0.0.1:{TestSupport.Loopback.FreePort()}", clientId = "desk", clientSecret = "secret" });
        try
        {
            using var down = fixture.NewBrowser();
            landing = await down.SignInAsync(Accounts.TunbridgeWellsRequester, Accounts.TunbridgeWellsRequester);
            Assert.Equal("/sign-in/council/problem", landing.AbsolutePath);
            Assert.Contains("reason=provider-down", landing.Query, StringComparison.Ordinal);
            Assert.Contains("is not answering", await (await down.GetAsync(landing.PathAndQuery)).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            using var remove = await fixture.Manager.DeleteAsync("/api/v1/councils/TWBC/sign-in");
        }
    }

    [Fact]
    public async Task A_council_that_switches_passwords_off_refuses_desk_passwords_and_its_client_secret_is_never_shown()
    {
        OidcProvider.RequireInstalled();
        var view = await fixture.Manager.GetJsonAsync("/api/v1/councils/SBC/sign-in");
        Assert.True(view.GetProperty("clientSecretSet").GetBoolean());
        Assert.DoesNotContain(fixture.Swale.ClientSecret, view.GetRawText(), StringComparison.Ordinal);
        Assert.Equal("/signin-oidc/sbc", view.Str("redirectPath"));

        await fixture.Manager.PutJsonAsync("/api/v1/councils/SBC/sign-in", new { authority = fixture.Swale.Issuer, clientId = fixture.Swale.ClientId, passwordSignIn = false });
        try
        {
            using var client = Desk.CreateClient();
            var refused = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = Accounts.SwaleApprover, password = "Demo-Desk-2026!" });
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            // Maidstone still allows passwords; the secret kept working although it was left out.
            (await Desk.SignInAsync(Accounts.MaidstoneOnSite)).Dispose();
            using var browser = fixture.NewBrowser();
            Assert.Equal("/", (await browser.SignInAsync(Accounts.SwaleApprover, Accounts.SwaleApprover)).AbsolutePath);
            var audit = await fixture.Manager.GetJsonAsync("/api/v1/audit?q=SBC");
            var change = audit.GetProperty("items").EnumerateArray().First(e => e.Str("entityType") == "Council sign-in");
            Assert.DoesNotContain(fixture.Swale.ClientSecret, change.GetRawText(), StringComparison.Ordinal);
        }
        finally
        {
            await fixture.Manager.PutJsonAsync("/api/v1/councils/SBC/sign-in", new { authority = fixture.Swale.Issuer, clientId = fixture.Swale.ClientId, passwordSignIn = true });
        }
    }

    [Fact]
    public void A_service_manager_sees_the_redirect_URI_and_SCIM_address_creates_a_token_shown_once_and_revokes_it()
    {
        OidcProvider.RequireInstalled();
        Chromium.RequireInstalled();
        using var browser = new Chromium(Desk.BaseUrl);
        browser.SignIn(Accounts.ServiceManager);
        browser.Open("/admin/councils/TWBC");
        browser.Driver.FindElement(By.PartialLinkText("Council account sign-in")).Click();
        Assert.Equal("Sign-in for Tunbridge Wells Borough Council", browser.Heading());
        Assert.Equal(Desk.BaseUrl + "/signin-oidc/twbc", browser.Driver.FindElement(By.Id("redirect-uri")).Text);
        Assert.Equal(Desk.BaseUrl + "/scim/v2", browser.Driver.FindElement(By.Id("scim-url")).Text);
        var failures = browser.Audit("admin-council-sign-in").ToList();

        browser.Driver.FindElement(By.Id("tokenName")).SendKeys("Entra ID provisioning");
        browser.Driver.FindElement(By.XPath("//button[normalize-space()='Create a token']")).Click();
        var token = browser.Until(d => d.FindElement(By.Id("new-token")).Text, "the new token");
        Assert.StartsWith("sdscim_", token, StringComparison.Ordinal);
        failures.AddRange(browser.Audit("admin-provisioning-token-created"));
        browser.Open("/admin/councils/TWBC/sign-in");
        Assert.DoesNotContain(token, browser.Driver.PageSource, StringComparison.Ordinal);
        browser.Driver.FindElement(By.XPath("//button[starts-with(normalize-space(), 'Revoke')]")).Click();
        browser.Until(d => d.FindElement(By.CssSelector(".govuk-notification-banner")).Text.Contains("is revoked", StringComparison.Ordinal), "the revoked banner");

        // Saving without an authority says which field is wrong.
        browser.Driver.FindElement(By.Id("save-sign-in")).Click();
        browser.Until(d => d.FindElement(By.CssSelector(".govuk-error-summary")).Displayed, "the error summary");
        Assert.Contains("Enter the provider's authority", browser.Driver.FindElement(By.CssSelector(".govuk-error-summary")).Text, StringComparison.Ordinal);
        failures.AddRange(browser.Audit("admin-council-sign-in-error", showsErrors: true));
        failures.AddRange(browser.SidewaysScrolling(["/admin/councils/SHARED/sign-in"]));
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }
}
