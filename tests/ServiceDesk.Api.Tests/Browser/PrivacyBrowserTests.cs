using OpenQA.Selenium;

namespace ServiceDesk.Api.Tests.Browser;

/// <summary>
/// Data protection in headless Chromium: the privacy notice and accessibility statement, open to anyone and
/// linked from the footer of every kind of page; a service manager's Data protection page with the retention
/// schedule and preview, and the access export and erasure forms with their errors. Checked with axe-core and
/// at 320 pixels.
/// </summary>
[Collection(LiveDeskCollection.Name)]
public sealed class PrivacyBrowserTests(LiveDesk desk)
{
    private static IEnumerable<string> FooterLinks(Chromium browser, string page)
    {
        var footer = browser.Driver.FindElement(By.CssSelector("footer.govuk-footer"));
        foreach (var (text, href) in new[] { ("Privacy notice", "/privacy"), ("Accessibility statement", "/accessibility") })
        {
            var links = footer.FindElements(By.LinkText(text));
            if (links.Count != 1 || !(links[0].GetAttribute("href") ?? "").EndsWith(href, StringComparison.Ordinal))
                yield return $"{page}: the footer has no single '{text}' link to {href}";
        }
    }

    [Fact]
    public void Anyone_reads_the_privacy_notice_and_accessibility_statement_from_the_footer_of_every_page()
    {
        Chromium.RequireInstalled();
        var failures = new List<string>();
        using var anyone = new Chromium(desk.BaseUrl);
        anyone.Open("/sign-in");
        failures.AddRange(FooterLinks(anyone, "sign-in"));
        anyone.Driver.FindElement(By.CssSelector("footer")).FindElement(By.LinkText("Privacy notice")).Click();
        anyone.Until(d => d.FindElement(By.CssSelector("main h1")).Text == "Privacy notice", "the privacy notice");
        failures.AddRange(anyone.Audit("privacy-notice"));
        failures.AddRange(FooterLinks(anyone, "privacy notice"));
        anyone.Driver.FindElement(By.CssSelector("footer")).FindElement(By.LinkText("Accessibility statement")).Click();
        anyone.Until(d => d.FindElement(By.CssSelector("main h1")).Text.StartsWith("Accessibility statement", StringComparison.Ordinal), "the accessibility statement");
        failures.AddRange(anyone.Audit("accessibility-statement"));
        failures.AddRange(FooterLinks(anyone, "accessibility statement"));
        anyone.Open("/no-such-page");
        failures.AddRange(FooterLinks(anyone, "page not found (signed out)"));
        failures.AddRange(anyone.SidewaysScrolling(["/privacy", "/accessibility"]));

        // Signed in, on each person's own pages: the portal, the workspace, administration and a missing page.
        foreach (var (who, paths) in new[]
        {
            (Accounts.MaidstoneRequester, new[] { "/", "/no-such-page" }),
            (Accounts.Agent, new[] { "/desk", "/privacy" }),
            (Accounts.ServiceManager, new[] { "/admin/privacy", "/accessibility" }),
        })
        {
            using var person = new Chromium(desk.BaseUrl);
            person.SignIn(who);
            foreach (var path in paths)
            {
                person.Open(path);
                person.Until(d => d.FindElement(By.CssSelector("footer.govuk-footer")).Displayed);
                failures.AddRange(FooterLinks(person, $"{path} as {who}"));
            }
        }
        Assert.Empty(failures);
    }

    [Fact]
    public void A_service_manager_sees_the_retention_preview_and_is_told_what_is_wrong_with_a_period_an_address_or_an_unconfirmed_erasure()
    {
        Chromium.RequireInstalled();
        var failures = new List<string>();
        using var rob = new Chromium(desk.BaseUrl);
        rob.SignIn(Accounts.ServiceManager);
        rob.Open("/admin/privacy");
        Assert.Equal("Data protection", rob.Heading());
        failures.AddRange(rob.Audit("admin-privacy"));
        var councils = rob.Driver.FindElements(By.CssSelector("#retention-preview tbody tr")).Select(r => r.FindElement(By.CssSelector("th")).Text).ToList();
        Assert.Contains("Maidstone Borough Council (MBC)", councils);
        Assert.Contains("(", rob.Driver.FindElement(By.Id("retention-schedule")).Text);

        // A period out of range: the error summary names the field, and its link moves focus to it.
        var years = rob.Driver.FindElement(By.Id("years"));
        years.Clear();
        years.SendKeys("0");
        rob.Driver.FindElement(By.XPath("//button[normalize-space(.)='Set retention period']")).Click();
        rob.Until(d => d.FindElement(By.CssSelector(".govuk-error-summary")).Displayed, "the error summary");
        Assert.StartsWith("Error:", rob.Driver.Title, StringComparison.Ordinal);
        failures.AddRange(rob.Audit("admin-privacy-years-error", showsErrors: true));
        rob.Driver.FindElement(By.CssSelector(".govuk-error-summary a[href='#years']")).Click();
        Assert.Equal("years", rob.Driver.SwitchTo().ActiveElement().GetAttribute("id"));

        // An address no one has, for the export: the form again, with the address kept.
        rob.Open("/admin/privacy");
        rob.Driver.FindElement(By.Id("email")).SendKeys("nobody@maidstone.example");
        rob.Driver.FindElement(By.XPath("//button[starts-with(normalize-space(.), 'Download their data')]")).Click();
        rob.Until(d => d.FindElement(By.CssSelector(".govuk-error-summary")).Text.Contains("No one at the desk has the email address nobody@maidstone.example", StringComparison.Ordinal), "the unknown person");
        Assert.Equal("nobody@maidstone.example", rob.Driver.FindElement(By.Id("email")).GetAttribute("value"));
        Assert.Contains("govuk-form-group--error", rob.Driver.FindElement(By.Id("email")).FindElement(By.XPath("..")).GetAttribute("class"));
        failures.AddRange(rob.Audit("admin-privacy-unknown-person", showsErrors: true));

        // Erasure without the confirmation: nothing happens and the box is named.
        rob.Open("/admin/privacy");
        rob.Driver.FindElement(By.Id("email")).SendKeys(Accounts.SwaleRequester2);
        rob.Driver.FindElement(By.XPath("//button[starts-with(normalize-space(.), 'Erase their personal data')]")).Click();
        rob.Until(d => d.FindElement(By.CssSelector(".govuk-error-summary")).Text.Contains("Tick the box to confirm", StringComparison.Ordinal), "the confirmation error");
        Assert.Equal(Accounts.SwaleRequester2, rob.Driver.FindElement(By.Id("email")).GetAttribute("value"));
        failures.AddRange(rob.Audit("admin-privacy-erasure-unconfirmed", showsErrors: true));
        rob.Driver.FindElement(By.CssSelector(".govuk-error-summary a[href='#confirm']")).Click();
        Assert.Equal("confirm", rob.Driver.SwitchTo().ActiveElement().GetAttribute("id"));

        // Confirmed, for an address no one has: the same message as for the export.
        rob.Driver.FindElement(By.Id("email")).Clear();
        rob.Driver.FindElement(By.Id("email")).SendKeys("nobody@maidstone.example");
        rob.Driver.FindElement(By.Id("confirm")).Click();
        rob.Driver.FindElement(By.XPath("//button[starts-with(normalize-space(.), 'Erase their personal data')]")).Click();
        rob.Until(d => d.FindElement(By.CssSelector(".govuk-error-summary")).Text.Contains("No one at the desk has the email address", StringComparison.Ordinal), "the unknown person");

        failures.AddRange(rob.SidewaysScrolling(["/admin/privacy"]));
        Assert.Empty(failures);
    }
}
