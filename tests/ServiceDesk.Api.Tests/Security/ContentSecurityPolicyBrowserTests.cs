using OpenQA.Selenium;
using ServiceDesk.Api.Tests.Browser;

namespace ServiceDesk.Api.Tests.Security;

/// <summary>
/// Under the desk's Content-Security-Policy a browser still runs GOV.UK Frontend and the live
/// connection, and refuses a script that was never the desk's (Chromium reports each refusal).
/// </summary>
[Collection(LiveDeskCollection.Name)]
public sealed class ContentSecurityPolicyBrowserTests(LiveDesk desk)
{
    [Fact]
    public void GOV_UK_Frontend_and_the_live_connection_work_under_the_policy_and_nothing_is_refused()
    {
        Chromium.RequireInstalled();
        using var browser = new Chromium(desk.BaseUrl);
        browser.SignIn(Accounts.Agent);
        browser.Open("/desk");
        browser.WaitLive();

        Assert.Equal(true, browser.Script("return document.body.classList.contains('govuk-frontend-supported');"));
        Assert.Equal(true, browser.Script("return document.querySelector('[data-module=govuk-skip-link]').hasAttribute('data-govuk-skip-link-init');"));
        Assert.Empty(browser.ContentSecurityPolicyViolations());
    }

    [Fact]
    public void A_script_injected_into_a_page_is_refused_and_reported()
    {
        Chromium.RequireInstalled();
        using var browser = new Chromium(desk.BaseUrl);
        browser.SignIn(Accounts.MaidstoneRequester);
        browser.Open("/my-tickets");
        browser.Until(d => d.FindElement(By.CssSelector("main h1")).Displayed);

        // As markup smuggled into a page would: an inline handler on a new element.
        browser.Script("const i = document.createElement('img'); i.setAttribute('onerror', 'window.__ran = true'); i.src = '/nothing-here.png'; document.body.appendChild(i);");
        var reported = browser.Until(_ => browser.ContentSecurityPolicyViolations() is { Count: > 0 } v ? v : null, "a reported violation")!;

        Assert.Contains(reported, v => v.Contains("script-src", StringComparison.Ordinal));
        Assert.NotEqual(true, browser.Script("return window.__ran === true;"));
    }
}
