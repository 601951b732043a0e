using OpenQA.Selenium;
using ServiceDesk.Api.Tests.Security;
using ServiceDesk.Infrastructure.Identity;

namespace ServiceDesk.Api.Tests.Browser;

/// <summary>
/// A forgotten password in headless Chromium: from the sign-in page to the emailed link, a new
/// password and a signed-in person; every page checked with axe-core and at 320 pixels.
/// </summary>
[Collection(LiveDeskCollection.Name)]
public sealed class PasswordBrowserTests(LiveDesk desk)
{
    private const string Email = "chloe.evans@maidstone.example";

    [Fact]
    public async Task A_person_who_forgot_their_password_follows_the_emailed_link_chooses_a_new_one_and_is_signed_in()
    {
        Chromium.RequireInstalled();
        var failures = new List<string>();
        using var browser = new Chromium(desk.BaseUrl);

        browser.Open("/sign-in");
        browser.Driver.FindElement(By.LinkText("Forgotten your password?")).Click();
        failures.AddRange(browser.Audit("forgotten-password"));
        browser.Driver.FindElement(By.Id("email")).SendKeys(Email);
        browser.Driver.FindElement(By.CssSelector("main form button[type=submit]")).Click();
        browser.Until(d => d.FindElement(By.CssSelector("main h1")).Text == "Check your email", "the confirmation");
        Assert.Contains($"If {Email} has an account, we have sent a link", browser.Driver.FindElement(By.TagName("main")).Text);
        failures.AddRange(browser.Audit("forgotten-password-sent"));

        var mail = (await desk.MailToAsync(Email, PasswordLinks.ResetKind))[0];
        var link = SecurityDesk.LinkIn(mail);
        browser.Open(link);
        Assert.Equal("Choose a new password", browser.Heading());
        failures.AddRange(browser.Audit("choose-password"));
        failures.AddRange(browser.SidewaysScrolling([link]));

        browser.Driver.FindElement(By.Id("newPassword")).SendKeys("password1234");
        browser.Driver.FindElement(By.CssSelector("main form button[type=submit]")).Click();
        browser.Until(d => d.FindElement(By.CssSelector(".govuk-error-summary")).Displayed, "the error summary");
        Assert.Contains("This password is too common; choose another", browser.Driver.FindElement(By.CssSelector(".govuk-error-summary")).Text);
        failures.AddRange(browser.Audit("choose-password-error", showsErrors: true));

        browser.Driver.FindElement(By.Id("newPassword")).SendKeys("lemon quarry velvet anchor");
        browser.Driver.FindElement(By.CssSelector("main form button[type=submit]")).Click();
        browser.Until(d => d.FindElement(By.CssSelector(".sd-account__who")).Text.Contains("Chloe", StringComparison.Ordinal), "signed in as Chloe");
        Assert.Equal(desk.BaseUrl + "/", browser.Driver.Url);

        browser.Open("/account/password");
        failures.AddRange(browser.Audit("change-password"));
        failures.AddRange(browser.SidewaysScrolling(["/account/password", "/account/forgotten-password"]));
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }
}
