using OpenQA.Selenium;
using OpenQA.Selenium.Interactions;

namespace ServiceDesk.Api.Tests.Browser;

/// <summary>
/// The portal and the workspace in headless Chromium against the desk on a loopback port: the
/// live journey between a requester and an agent, council sovereignty, keyboard use and
/// accessibility (axe-core, WCAG 2.2 A and AA).
/// </summary>
[Collection(LiveDeskCollection.Name)]
public sealed class BrowserTests(LiveDesk desk)
{
    [Fact]
    public void A_reported_problem_reaches_the_agent_live_and_the_reply_reaches_the_requester_live()
    {
        Chromium.RequireInstalled();
        using var agent = new Chromium(desk.BaseUrl);
        using var requester = new Chromium(desk.BaseUrl);
        using var stranger = new Chromium(desk.BaseUrl);

        agent.SignIn(Accounts.Agent);
        agent.Open("/desk?queue=new");
        agent.WaitLive();
        agent.MarkPage();

        stranger.SignIn(Accounts.SwaleRequester);
        stranger.Open("/my-tickets");
        stranger.WaitLive();

        requester.SignIn(Accounts.MaidstoneRequester);
        requester.Open("/report");
        requester.Driver.FindElement(By.XPath("//select[@id='serviceId']/option[normalize-space()='Printing and scanning']")).Click();
        requester.Driver.FindElement(By.Id("title")).SendKeys("Browser: scanner sends blank pages");
        requester.Driver.FindElement(By.Id("description")).SendKeys("Every scan to email arrives as a blank PDF.");
        requester.Driver.FindElement(By.CssSelector("label[for=impact-2]")).Click();
        requester.Driver.FindElement(By.CssSelector("label[for=urgency-2]")).Click();
        requester.Driver.FindElement(By.CssSelector("main form button[type=submit]")).Click();
        requester.Until(d => d.FindElement(By.CssSelector(".govuk-panel__title")).Displayed, "the confirmation");
        var reference = requester.Driver.FindElement(By.CssSelector(".govuk-panel__body strong")).Text;
        Assert.StartsWith("SD-", reference);
        requester.WaitLive();
        requester.MarkPage();

        // The agent's open New queue shows it without a reload.
        var row = agent.Until(d => d.FindElement(By.CssSelector($"tr[data-reference='{reference}']")), "the new ticket in the New queue");
        Assert.Contains("Browser: scanner sends blank pages", row.Text);
        Assert.True(agent.PageWasNotReloaded());

        // The agent takes it and replies; the requester's open page shows the reply.
        row.FindElement(By.LinkText(reference)).Click();
        agent.Until(d => d.FindElement(By.CssSelector("main h1")).Text.Contains("scanner", StringComparison.Ordinal));
        agent.Driver.FindElement(By.XPath("//button[normalize-space()='Take this ticket']")).Click();
        agent.Until(d => d.FindElement(By.CssSelector(".govuk-notification-banner--success")).Displayed);
        agent.Driver.FindElement(By.Id("body")).SendKeys("Please check the scanner glass is clean, then try again.");
        agent.Driver.FindElement(By.XPath("//button[normalize-space()='Add']")).Click();
        agent.Until(d => d.FindElement(By.CssSelector(".govuk-notification-banner--success")).Text.Contains("Reply sent", StringComparison.Ordinal));

        requester.Until(d => d.FindElement(By.Id("conversation")).Text.Contains("scanner glass is clean", StringComparison.Ordinal), "the reply on the requester's page");
        requester.Until(d => d.FindElement(By.CssSelector("[data-live-banner]")).Displayed);
        Assert.Contains("Priya", requester.Driver.FindElement(By.CssSelector("[data-live-banner-text]")).Text);
        Assert.True(requester.PageWasNotReloaded());

        // The other council's requester heard nothing of it, and cannot open it.
        Assert.Equal(0L, stranger.Script($"return window.deskLive.events.filter(e => e.reference === '{reference}').length;"));
        stranger.Open($"/my-tickets/{reference}");
        Assert.Equal("Page not found", stranger.Heading());
        stranger.Open($"/desk/tickets/{reference}");
        Assert.Equal("You cannot use this page", stranger.Heading());
    }

    [Fact]
    public void The_report_form_can_be_completed_with_the_keyboard_alone()
    {
        Chromium.RequireInstalled();
        using var browser = new Chromium(desk.BaseUrl);
        browser.SignIn(Accounts.MaidstoneRequester2);
        browser.Open("/report");
        var keys = new Actions(browser.Driver);

        // The first Tab reaches the skip link, which jumps to the main content.
        keys.SendKeys(Keys.Tab).Perform();
        Assert.Equal("Skip to main content", Active(browser).Text);
        keys.SendKeys(Keys.Enter).Perform();
        Assert.Equal("main-content", Active(browser).GetAttribute("id"));

        // Sending the empty form puts the error summary in focus, linking to each field.
        TabTo(browser, "button", "Send to the service desk");
        keys.SendKeys(Keys.Enter).Perform();
        browser.Until(d => d.FindElement(By.CssSelector(".govuk-error-summary")).Displayed);
        Assert.StartsWith("Error:", browser.Driver.Title);
        browser.Until(_ => (Active(browser).GetAttribute("class") ?? "").Contains("govuk-error-summary", StringComparison.Ordinal), "focus on the error summary");
        TabTo(browser, "a", "Select what is not working");
        keys.SendKeys(Keys.Enter).Perform();
        Assert.Equal("serviceId", Active(browser).GetAttribute("id"));

        // Fill every field from the keyboard: arrows choose, typing writes, Space picks a radio.
        keys.SendKeys(Keys.ArrowDown).Perform();
        TabTo(browser, "input", "title");
        keys.SendKeys("Keyboard: monitor flickers").Perform();
        keys.SendKeys(Keys.Tab + "It flickers every few seconds.").Perform();
        TabTo(browser, "input", "impact");
        keys.SendKeys(Keys.Space).Perform();
        TabTo(browser, "input", "urgency");
        keys.SendKeys(Keys.ArrowDown).Perform();
        TabTo(browser, "button", "Send to the service desk");
        keys.SendKeys(Keys.Enter).Perform();

        browser.Until(d => d.FindElement(By.CssSelector(".govuk-panel__title")).Displayed, "the confirmation");
        Assert.Equal("Keyboard: monitor flickers", browser.Driver.FindElement(By.CssSelector("main h1.govuk-heading-l")).Text);
    }

    [Fact]
    public void The_main_pages_have_no_serious_accessibility_violations_and_read_at_320_pixels()
    {
        Chromium.RequireInstalled();
        var failures = new List<string>();
        using (var requester = new Chromium(desk.BaseUrl))
        {
            requester.SignIn(Accounts.MaidstoneRequester);
            var reference = OpenTicketOf(requester);
            Check(requester, "/", "portal-home", failures);
            Check(requester, "/report", "report-form", failures);
            Check(requester, "/request", "catalogue", failures);
            Check(requester, "/my-tickets", "my-tickets", failures);
            Check(requester, $"/my-tickets/{reference}", "ticket", failures);
        }
        using (var agent = new Chromium(desk.BaseUrl))
        {
            agent.SignIn(Accounts.Agent);
            Check(agent, "/desk", "agent-queue", failures);
            agent.Open("/desk");
            var first = agent.Driver.FindElement(By.CssSelector("tr[data-reference] a")).Text;
            Check(agent, $"/desk/tickets/{first}", "agent-ticket", failures);
            Check(agent, "/desk/mail", "agent-mail", failures);
        }
        using (var manager = new Chromium(desk.BaseUrl))
        {
            manager.SignIn(Accounts.ServiceManager);
            Check(manager, "/admin/catalogue", "admin-catalogue", failures);
            Check(manager, "/admin/sla", "admin-sla", failures);
            Check(manager, "/admin/councils/SBC", "admin-council", failures);
            Check(manager, "/admin/catalogue/new", "admin-service", failures);
            Check(manager, "/admin/groups", "admin-groups", failures);
            Check(manager, "/admin/groups/1", "admin-group", failures);
            Check(manager, "/admin/audit", "admin-audit", failures);
            manager.Open("/admin/audit?from=yesterday");
            failures.AddRange(manager.Audit("admin-audit-refused", showsErrors: true));
            if (!manager.Driver.FindElement(By.CssSelector(".govuk-error-summary")).Text.Contains("first day", StringComparison.Ordinal))
                failures.Add("admin-audit-refused: the error summary does not name the bad date");
            failures.AddRange(manager.SidewaysScrolling(["/admin/audit", "/admin/audit?entityType=Council"]));
        }
        using (var narrow = new Chromium(desk.BaseUrl))
        {
            narrow.SignIn(Accounts.MaidstoneRequester);
            failures.AddRange(narrow.SidewaysScrolling(["/", "/report", "/request", "/my-tickets"]));
            narrow.EmulateWidth(320);
            narrow.Open("/report");
            narrow.Screenshot("report-form-320px");
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public void A_service_manager_changes_a_council_and_staffs_a_group_in_the_browser()
    {
        Chromium.RequireInstalled();
        using var manager = new Chromium(desk.BaseUrl);
        manager.SignIn(Accounts.ServiceManager);
        manager.Open("/admin");
        manager.Driver.FindElement(By.XPath("//a[contains(., 'Change') and contains(., 'Tunbridge Wells')]")).Click();
        var users = manager.Until(d => d.FindElement(By.Id("activeUsers")));
        users.Clear();
        users.SendKeys("-5");
        manager.Driver.FindElement(By.XPath("//button[normalize-space()='Save']")).Click();
        manager.Until(d => d.FindElement(By.CssSelector(".govuk-error-summary")).Displayed, "the error summary");
        Assert.Equal("-5", manager.Driver.FindElement(By.Id("activeUsers")).GetAttribute("value"));
        users = manager.Driver.FindElement(By.Id("activeUsers"));
        users.Clear();
        users.SendKeys("433");
        manager.Driver.FindElement(By.Id("reportRecipients")).SendKeys("\nperformance@tunbridgewells.example");
        manager.Driver.FindElement(By.XPath("//button[normalize-space()='Save']")).Click();
        manager.Until(d => d.FindElement(By.CssSelector(".govuk-notification-banner--success")).Displayed, "the saved banner");
        var row = manager.Driver.FindElement(By.XPath("//tr[th[normalize-space()='Tunbridge Wells Borough Council']]")).Text;
        Assert.Contains("433", row);
        Assert.Contains("performance@tunbridgewells.example", row);

        manager.Open("/admin/groups");
        manager.Driver.FindElement(By.Id("name")).SendKeys("Browser test group");
        manager.Driver.FindElement(By.XPath("//button[normalize-space()='Set up group']")).Click();
        manager.Until(d => d.FindElement(By.CssSelector("main h1")).Text == "Browser test group");
        manager.Driver.FindElement(By.Id("email")).SendKeys(Accounts.Agent2);
        manager.Driver.FindElement(By.XPath("//button[normalize-space()='Add member']")).Click();
        manager.Until(d => d.FindElement(By.CssSelector("main table")).Text.Contains(Accounts.Agent2, StringComparison.Ordinal), "the new member");

        // Both changes are on the audit list, found with its filter form.
        manager.Open("/admin/audit");
        manager.Driver.FindElement(By.CssSelector("#entityType option[value='Council']")).Click();
        manager.Driver.FindElement(By.Id("q")).SendKeys("TWBC");
        manager.Driver.FindElement(By.XPath("//button[normalize-space()='Apply filters']")).Click();
        var council = manager.Until(d => d.FindElement(By.CssSelector("tr[data-audit-id]")), "the council's entry").Text;
        Assert.Contains("Rob Fairley", council);
        Assert.Contains("performance@tunbridgewells.example", council);
        Assert.Contains("433", council);
        manager.Screenshot("admin-audit-council");
        manager.Open("/admin/audit?entityType=Resolver group&q=Browser test group");
        Assert.Contains(manager.Driver.FindElements(By.CssSelector("tr[data-audit-id]")), r => r.Text.Contains(Accounts.Agent2, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_agent_turns_unmatched_mail_into_a_ticket_in_the_browser()
    {
        Chromium.RequireInstalled();
        var message = new MimeKit.MimeMessage { Subject = "Browser: car park barrier stuck", Date = DeskFactory.Start,
            Body = new MimeKit.TextPart("plain") { Text = "The barrier at the Swale House car park will not lift." } };
        message.From.Add(new MimeKit.MailboxAddress("Parking contractor", "ops@parking-contractor.example"));
        message.To.Add(MimeKit.MailboxAddress.Parse("desk@sharedict.example"));
        using (var raw = new MemoryStream())
        {
            await message.WriteToAsync(raw);
            await desk.SendAsync(new Core.Features.Email.IngestEmail(Infrastructure.Email.MailReader.Read(raw.ToArray())));
        }

        using var agent = new Chromium(desk.BaseUrl);
        agent.SignIn(Accounts.Agent);
        agent.Open("/desk/mail");
        var card = agent.Driver.FindElement(By.XPath("//div[contains(@class,'govuk-summary-card')][.//h2[normalize-space()='Browser: car park barrier stuck']]"));
        Assert.Contains("no council's mail domain", card.Text);
        card.FindElement(By.CssSelector("summary")).Click();
        card.FindElement(By.CssSelector("input[name=requesterEmail]")).SendKeys(Accounts.SwaleRequester);
        card.FindElement(By.XPath(".//button[normalize-space()='Raise ticket']")).Click();
        agent.Until(d => d.FindElement(By.CssSelector("main h1")).Text == "Browser: car park barrier stuck", "the new ticket");
        Assert.Contains("Swale Borough Council", agent.Driver.FindElement(By.CssSelector("main .govuk-caption-l")).Text);
    }

    private static void Check(Chromium browser, string path, string name, List<string> failures)
    {
        browser.Open(path);
        failures.AddRange(browser.Audit(name));
    }

    /// <summary>The reference of one of the requester's tickets (the demo partnership gives each requester some).</summary>
    private static string OpenTicketOf(Chromium browser)
    {
        browser.Open("/my-tickets");
        return browser.Driver.FindElement(By.CssSelector("tr[data-reference]")).GetAttribute("data-reference")!;
    }

    internal static IWebElement Active(Chromium browser) => browser.Driver.SwitchTo().ActiveElement();

    /// <summary>Presses Tab until focus is on the element (by tag, and its text or id), as a keyboard user would.</summary>
    internal static void TabTo(Chromium browser, string tag, string textOrId)
    {
        var keys = new Actions(browser.Driver);
        for (var i = 0; i < 40; i++)
        {
            var active = Active(browser);
            if (active.TagName == tag && (active.Text.Trim() == textOrId || active.GetAttribute("id") == textOrId))
                return;
            keys.SendKeys(Keys.Tab).Perform();
        }
        Assert.Fail($"Tab never reached the {tag} '{textOrId}'.");
    }
}
