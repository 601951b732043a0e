using OpenQA.Selenium;
using OpenQA.Selenium.Interactions;

namespace ServiceDesk.Api.Tests.Browser;

/// <summary>
/// Help and guidance in headless Chromium: searching (a mistyped word too) and reading with the
/// keyboard, answering "Did this help?", the report form offering articles as the requester types
/// and "This solved it" raising no ticket (and, without script, after the first send), and the desk
/// putting an article's link in a reply. Each page is checked with axe-core and at 320 pixels.
/// </summary>
[Collection(LiveDeskCollection.Name)]
public sealed class KnowledgeBrowserTests(LiveDesk desk)
{
    private const string OutlookArticle = "Outlook keeps asking for my password";

    [Fact]
    public void A_requester_searches_with_a_typo_reads_an_article_and_says_it_helped_with_the_keyboard_alone()
    {
        Chromium.RequireInstalled();
        var failures = new List<string>();
        using var browser = new Chromium(desk.BaseUrl);
        browser.SignIn(Accounts.TunbridgeWellsRequester);
        browser.Driver.FindElement(By.CssSelector("nav[aria-label=Menu]")).FindElement(By.LinkText("Help and guidance")).Click();
        failures.AddRange(browser.Audit("help"));
        var keys = new Actions(browser.Driver);

        BrowserTests.TabTo(browser, "input", "q");
        keys.SendKeys("outlok pasword" + Keys.Enter).Perform();
        browser.Until(d => d.FindElement(By.Id("results-heading")).Displayed, "the search results");
        Assert.Contains("outlook password", browser.Driver.FindElement(By.CssSelector("[data-did-you-mean]")).Text);
        var first = browser.Driver.FindElement(By.CssSelector(".sd-result a"));
        Assert.Equal(OutlookArticle, first.Text);
        failures.AddRange(browser.Audit("help-search"));
        var resultsPath = new Uri(browser.Driver.Url).PathAndQuery;

        BrowserTests.TabTo(browser, "a", OutlookArticle);
        keys.SendKeys(Keys.Enter).Perform();
        browser.Until(d => d.FindElement(By.CssSelector("main h1")).Text == OutlookArticle, "the article");
        Assert.Contains("Credential Manager", browser.Driver.FindElement(By.CssSelector("[data-article-body] strong")).Text);
        failures.AddRange(browser.Audit("help-article"));
        var articlePath = new Uri(browser.Driver.Url).AbsolutePath;

        // "Did this help?": Tab to the first answer, Space picks it, Enter on the button sends it.
        BrowserTests.TabTo(browser, "input", "helpful");
        keys.SendKeys(Keys.Space).Perform();
        BrowserTests.TabTo(browser, "button", "Send answer");
        keys.SendKeys(Keys.Enter).Perform();
        browser.Until(d => d.FindElement(By.CssSelector("#did-this-help [role=status]")).Text.Contains("you said this helped", StringComparison.Ordinal), "the thanks");

        // Browsing by service lists the service's articles.
        browser.Open("/help");
        browser.Driver.FindElement(By.LinkText("Email and calendar")).Click();
        browser.Until(d => d.FindElements(By.CssSelector(".sd-result a")).Any(a => a.Text == OutlookArticle), "the service's articles");
        Assert.DoesNotContain(browser.Driver.FindElements(By.CssSelector(".sd-result a")), a => a.Text.StartsWith("Desk note", StringComparison.Ordinal));

        failures.AddRange(browser.SidewaysScrolling(["/help", resultsPath, articlePath]));
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public void Matching_articles_appear_as_the_requester_types_and_this_solved_it_raises_no_ticket()
    {
        Chromium.RequireInstalled();
        var failures = new List<string>();
        using var browser = new Chromium(desk.BaseUrl);
        browser.SignIn(Accounts.MaidstoneRequester2);
        var title = "Outlook keeps asking me for my password";
        browser.Open("/report");
        browser.Driver.FindElement(By.XPath("//select[@id='serviceId']/option[normalize-space()='Email and calendar']")).Click();
        browser.Driver.FindElement(By.Id("title")).SendKeys(title);
        var suggestion = browser.Until(d => d.FindElements(By.CssSelector("#article-suggestions [data-suggestion]")).FirstOrDefault(), "the suggested articles");
        Assert.Contains(OutlookArticle, suggestion!.Text);
        failures.AddRange(browser.Audit("report-suggestions"));
        browser.Script("document.getElementById('article-suggestions').scrollIntoView();");
        browser.Screenshot("report-suggestions");
        failures.AddRange(browser.SidewaysScrolling(["/report"]));

        browser.Open("/report");
        browser.Driver.FindElement(By.Id("description")).SendKeys("It asks again every few minutes since this morning, even after typing it.");
        browser.Driver.FindElement(By.Id("title")).SendKeys(title);
        browser.Until(d => d.FindElements(By.CssSelector("#article-suggestions [data-suggestion]")).Count > 0, "the suggested articles");
        browser.Driver.FindElement(By.XPath("//button[starts-with(normalize-space(), 'This solved it')]")).Click();
        browser.Until(d => d.FindElement(By.CssSelector(".govuk-notification-banner--success")).Text.Contains("No ticket was raised", StringComparison.Ordinal), "the confirmation");
        Assert.Equal(OutlookArticle, browser.Heading());
        failures.AddRange(browser.Audit("deflected"));

        browser.Open("/my-tickets");
        Assert.DoesNotContain(title, browser.Driver.FindElement(By.CssSelector("main")).Text);
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public void Without_script_the_articles_are_offered_after_the_first_send_before_the_ticket_is_raised()
    {
        Chromium.RequireInstalled();
        using var browser = new Chromium(desk.BaseUrl);
        browser.SignIn(Accounts.SwaleRequester2);
        browser.Open("/report");
        browser.Driver.FindElement(By.XPath("//select[@id='serviceId']/option[normalize-space()='Network and Wi-Fi']")).Click();
        browser.Driver.FindElement(By.Id("title")).SendKeys("Laptop will not join the wifi");
        browser.Driver.FindElement(By.Id("description")).SendKeys("The wireless network is not in the list.");
        browser.Driver.FindElement(By.CssSelector("label[for=impact]")).Click();
        browser.Driver.FindElement(By.CssSelector("label[for=urgency]")).Click();
        // What the form sends when no script ran: nothing offered yet.
        browser.Script("document.querySelector('[data-suggestions-shown]').value = 'false'; document.getElementById('article-suggestions').innerHTML = '';");
        browser.Driver.FindElement(By.XPath("//button[normalize-space()='Send to the service desk']")).Click();

        browser.Until(d => d.FindElements(By.CssSelector("#article-suggestions [data-suggestion]")).Count > 0, "the articles offered after sending");
        Assert.Contains("Connect to the office Wi-Fi on a council laptop", browser.Driver.FindElement(By.Id("article-suggestions")).Text);
        Assert.Equal("Laptop will not join the wifi", browser.Driver.FindElement(By.Id("title")).GetAttribute("value"));
        var failures = browser.Audit("report-suggestions-after-send").ToList();
        browser.Driver.FindElement(By.XPath("//button[normalize-space()='Still send to the service desk']")).Click();
        browser.Until(d => d.FindElement(By.CssSelector(".govuk-panel__title")).Displayed, "the raised ticket");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public void The_desk_sees_articles_for_a_ticket_puts_a_link_in_the_reply_and_manages_articles()
    {
        Chromium.RequireInstalled();
        var failures = new List<string>();
        using var requester = new Chromium(desk.BaseUrl);
        requester.SignIn(Accounts.MaidstoneRequester);
        requester.Open("/report");
        requester.Driver.FindElement(By.XPath("//select[@id='serviceId']/option[normalize-space()='Email and calendar']")).Click();
        requester.Driver.FindElement(By.Id("title")).SendKeys("Outlook password prompt loop");
        requester.Driver.FindElement(By.Id("description")).SendKeys("Outlook asks for my password all day.");
        requester.Driver.FindElement(By.CssSelector("label[for=impact]")).Click();
        requester.Driver.FindElement(By.CssSelector("label[for=urgency]")).Click();
        requester.Driver.FindElement(By.XPath("//button[normalize-space()='Send to the service desk']")).Click();
        requester.Until(d => d.FindElement(By.CssSelector(".govuk-panel__title")).Displayed, "the raised ticket");
        var reference = requester.Driver.FindElement(By.CssSelector(".govuk-panel__body strong")).Text;

        using var agent = new Chromium(desk.BaseUrl);
        agent.SignIn(Accounts.Agent);
        agent.Open($"/desk/tickets/{reference}");
        var offered = agent.Driver.FindElements(By.CssSelector("[data-suggested-article]")).First(a => a.Text.Contains(OutlookArticle, StringComparison.Ordinal));
        failures.AddRange(agent.Audit("agent-ticket-articles"));
        offered.FindElement(By.CssSelector("[data-insert-article]")).Click();
        var reply = agent.Driver.FindElement(By.Id("body")).GetAttribute("value") ?? "";
        Assert.Contains($"{OutlookArticle}: ", reply);
        Assert.Contains("/help/KB-", reply);

        agent.Open("/desk/articles");
        failures.AddRange(agent.Audit("desk-articles"));
        agent.Driver.FindElement(By.LinkText("Write an article")).Click();
        failures.AddRange(agent.Audit("desk-article-new"));
        agent.Driver.FindElement(By.XPath("//button[normalize-space()='Save as draft']")).Click();
        agent.Until(d => d.FindElement(By.CssSelector(".govuk-error-summary")).Displayed, "the error summary");
        Assert.NotEmpty(agent.Driver.FindElements(By.CssSelector(".govuk-error-summary a[href='#title']")));
        agent.Driver.FindElement(By.Id("title")).SendKeys("Book a meeting room screen");
        agent.Driver.FindElement(By.Id("body")).SendKeys("Use the **Rooms** calendar in Outlook.");
        agent.Driver.FindElement(By.XPath("//button[normalize-space()='Save and publish']")).Click();
        agent.Until(d => d.FindElement(By.CssSelector(".govuk-notification-banner--success")).Text.Contains("(Published)", StringComparison.Ordinal), "the published article");
        failures.AddRange(agent.Audit("desk-article"));
        Assert.Contains("Published", agent.Driver.FindElement(By.CssSelector(".sd-versions")).Text);
        failures.AddRange(agent.SidewaysScrolling(["/desk/articles", new Uri(agent.Driver.Url).AbsolutePath]));
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }
}
