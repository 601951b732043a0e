using OpenQA.Selenium;

namespace ServiceDesk.Api.Tests.Browser;

/// <summary>
/// The agents' workspace as used all day: a dense queue across the full width of a 1280×900 screen
/// that never breaks a reference or heading mid-word, and search boxes that answer a bad query with
/// the GOV.UK error summary on the page, never the API's JSON.
/// </summary>
[Collection(LiveDeskCollection.Name)]
public sealed class WorkspaceBrowserTests(LiveDesk desk)
{
    [Fact]
    public void The_queue_shows_twenty_tickets_on_a_1280_by_900_screen_and_breaks_no_reference()
    {
        Chromium.RequireInstalled();
        using var priya = new Chromium(desk.BaseUrl);
        priya.SignIn(Accounts.Agent);
        priya.EmulateWidth(1280, 900);
        priya.Open("/desk?queue=all&status=New,Assigned,InProgress,AwaitingCustomer,Resolved,Closed&sort=-created");
        Assert.Equal("Queues", priya.Heading());

        var rows = priya.Driver.FindElements(By.CssSelector("[data-live-rows] tr")).Count;
        Assert.True(rows >= 20, $"the demo queue has only {rows} rows");
        var visible = Convert.ToInt32(priya.Script("""
            return [...document.querySelectorAll('[data-live-rows] tr')]
              .filter(r => r.getBoundingClientRect().bottom <= window.innerHeight).length;
            """), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(visible >= 20, $"only {visible} queue rows fit on a 1280×900 screen");

        // The page uses the full width, and no reference, tag or heading wraps inside a word.
        var mainWidth = Convert.ToDouble(priya.Script("return document.querySelector('main').getBoundingClientRect().width;"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(mainWidth > 1100, $"the queue page is {mainWidth}px wide on a 1280px screen");
        var broken = (IReadOnlyCollection<object>)priya.Script("""
            return [...document.querySelectorAll('.sd-queue a, .sd-queue th, .sd-queue .govuk-tag, .govuk-heading-m')]
              .filter(e => e.getClientRects().length > 1 || (e.closest('td, th') && getComputedStyle(e.closest('td, th')).overflowWrap === 'anywhere'))
              .map(e => e.textContent.trim());
            """)!;
        Assert.Empty(broken);
        priya.StopEmulatingWidth();
    }

    [Theory]
    [InlineData(Accounts.Agent, "/desk")]
    [InlineData(Accounts.Agent, "/desk/mail")]
    [InlineData(Accounts.ProblemManager, "/problems")]
    [InlineData(Accounts.ServiceManager, "/admin/people")]
    [InlineData(Accounts.ServiceManager, "/admin/audit")]
    [InlineData(Accounts.MaidstoneRequester, "/my-tickets")]
    public void An_over_long_search_is_named_in_the_error_summary_not_answered_with_json(string email, string path)
    {
        Chromium.RequireInstalled();
        using var browser = new Chromium(desk.BaseUrl);
        browser.SignIn(email);
        browser.Open(path);
        Assert.Equal("200", browser.Driver.FindElement(By.Id("q")).GetAttribute("maxlength"));

        browser.Open($"{path}?q={new string('x', 201)}");
        var summary = browser.Until(d => d.FindElement(By.CssSelector(".govuk-error-summary")), "the error summary");
        Assert.Contains("Search for 200 characters or fewer", summary.Text);
        Assert.Equal("#q", summary.FindElement(By.CssSelector("a")).GetDomProperty("hash"));
        Assert.Equal("text/html", browser.Script("return document.contentType;"));
        Assert.Empty(Axe.SeriousViolations(browser));
    }

    [Fact]
    public void A_queue_filter_that_is_not_a_choice_is_named_on_the_page()
    {
        Chromium.RequireInstalled();
        using var priya = new Chromium(desk.BaseUrl);
        priya.SignIn(Accounts.Agent);
        priya.Open("/desk?queue=all&priority=P9");
        var summary = priya.Until(d => d.FindElement(By.CssSelector(".govuk-error-summary")), "the error summary");
        Assert.Contains("priority", summary.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("Queues", priya.Heading());
    }

    [Fact]
    public async Task A_change_by_a_colleague_disables_the_stale_actions_and_is_told_in_plain_words()
    {
        Chromium.RequireInstalled();
        var alice = await desk.SignInAsync(Accounts.MaidstoneRequester);
        var printing = (await alice.GetJsonAsync("/api/v1/catalogue")).EnumerateArray()
            .First(s => s.GetProperty("name").GetString() == "Printing and scanning").GetProperty("id").GetInt32();
        var reference = await alice.RaiseAsync(printing, "Printer in the planning office jams on every job");

        var failures = new List<string>();
        using var priya = new Chromium(desk.BaseUrl);
        priya.SignIn(Accounts.Agent);
        priya.Open($"/desk/tickets/{reference}");
        failures.AddRange(priya.Audit("desk-ticket"));
        // The desk routed it, to a group named as people know it.
        var routed = priya.Driver.FindElements(By.CssSelector("#conversation .moj-timeline__item"))
            .Single(i => i.FindElement(By.CssSelector(".moj-timeline__title")).Text == "Resolver group");
        Assert.Contains("by ServiceDesk", routed.Text);
        Assert.Contains("Maidstone on-site desktop (routed by service and council)", routed.Text);
        Assert.DoesNotContain("#", routed.Text);
        priya.WaitLive();
        priya.MarkPage();

        // Tom takes it from his own screen: Priya's page says so and her take button goes grey.
        var tom = await desk.SignInAsync(Accounts.Agent2);
        await tom.PostJsonAsync($"/api/v1/tickets/{reference}/take", null);
        priya.Until(d => d.FindElement(By.CssSelector("[data-live-banner]")).Displayed, "the live banner");
        var take = priya.Driver.FindElement(By.XPath("//button[normalize-space()='Take this ticket']"));
        Assert.False(take.Enabled);
        Assert.Equal("true", take.GetAttribute("aria-disabled"));
        Assert.True(priya.Driver.FindElement(By.XPath("//button[normalize-space()='Add']")).Enabled);
        Assert.True(priya.PageWasNotReloaded());

        // Sent anyway (an old tab, a slow network): refused in plain words, not version numbers.
        priya.Script("document.querySelector(\"form[action*='handler=Take']\").submit();");
        var summary = priya.Until(d => d.FindElement(By.CssSelector(".govuk-error-summary")), "the error summary");
        Assert.Contains("Tom Okafor took this ticket a moment ago", summary.Text);
        Assert.DoesNotContain("version", summary.Text, StringComparison.OrdinalIgnoreCase);

        // Agents attach files from the desk page.
        var file = Path.Combine(Path.GetTempPath(), $"printer-log-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(file, "Paper jam at tray 2, 09:14\n");
        try
        {
            priya.Open($"/desk/tickets/{reference}");
            priya.Driver.FindElement(By.XPath("//button[normalize-space()='Upload']")).Click();
            priya.Until(d => d.FindElement(By.CssSelector(".govuk-error-summary")).Text.Contains("Choose a file to attach", StringComparison.Ordinal), "the missing file");
            failures.AddRange(priya.Audit("desk-ticket-no-file", showsErrors: true));
            priya.Driver.FindElement(By.Id("file")).SendKeys(file);
            priya.Driver.FindElement(By.XPath("//button[normalize-space()='Upload']")).Click();
            priya.Until(d => d.FindElement(By.CssSelector(".govuk-notification-banner--success")).Text.Contains("has been added", StringComparison.Ordinal), "the file added");
            Assert.Contains(Path.GetFileName(file), priya.Driver.FindElement(By.TagName("main")).Text);
        }
        finally
        {
            File.Delete(file);
        }
        var attachments = (await alice.GetJsonAsync($"/api/v1/tickets/{reference}")).GetProperty("attachments");
        Assert.Equal(Path.GetFileName(file), Assert.Single(attachments.EnumerateArray()).GetProperty("fileName").GetString());
        Assert.Empty(failures);
    }

    [Fact]
    public async Task An_agent_inserts_a_canned_reply_with_the_keyboard_alone_and_keeps_what_they_typed()
    {
        Chromium.RequireInstalled();
        var alice = await desk.SignInAsync(Accounts.MaidstoneRequester);
        var accounts = (await alice.GetJsonAsync("/api/v1/catalogue")).EnumerateArray()
            .First(s => s.GetProperty("name").GetString() == "Password and account access").GetProperty("id").GetInt32();
        var reference = await alice.RaiseAsync(accounts, "Locked out of my account again");

        var failures = new List<string>();
        using var priya = new Chromium(desk.BaseUrl);
        priya.SignIn(Accounts.Agent);
        priya.Open("/desk/canned-replies");
        failures.AddRange(priya.Audit("canned-replies"));
        priya.Open($"/desk/tickets/{reference}");
        var body = priya.Driver.FindElement(By.Id("body"));
        body.SendKeys("I have unlocked it.");

        // Keyboard only: open the picker, narrow it, and insert.
        var summary = priya.Driver.FindElement(By.CssSelector("#canned-replies summary"));
        summary.SendKeys(Keys.Enter);
        var find = priya.Driver.FindElement(By.Id("cannedQ"));
        find.SendKeys("password reset");
        find.SendKeys(Keys.Enter);
        Assert.Contains(reference, priya.Driver.Url);
        var visible = priya.Driver.FindElements(By.CssSelector("#canned-list li")).Where(li => li.Displayed).ToList();
        var item = Assert.Single(visible);
        Assert.Contains("Password reset done", item.Text);
        failures.AddRange(priya.Audit("canned-picker"));
        find.SendKeys(Keys.Tab);
        var insert = priya.Driver.SwitchTo().ActiveElement();
        Assert.Contains("Password reset done", insert.Text);
        insert.SendKeys(Keys.Enter);

        priya.Until(d => d.FindElement(By.Id("body")).GetDomProperty("value")!.Contains("Your password has been reset", StringComparison.Ordinal), "the inserted reply");
        var text = priya.Driver.FindElement(By.Id("body")).GetDomProperty("value")!;
        Assert.StartsWith("I have unlocked it.\n\nHello Alice,", text);
        Assert.Contains($"Priya Shah, Shared ICT Service Desk ({reference})", text);
        Assert.Empty((await alice.GetJsonAsync($"/api/v1/tickets/{reference}")).GetProperty("conversation").EnumerateArray());
        Assert.Empty(failures);
    }

    [Fact]
    public void A_group_lead_adds_and_changes_a_canned_reply_for_their_group_in_the_browser()
    {
        Chromium.RequireInstalled();
        var failures = new List<string>();
        using var mark = new Chromium(desk.BaseUrl);
        mark.SignIn("mark.ellison@sharedict.example");
        mark.Open("/desk/canned-replies");
        var title = $"Payroll export rerun {Guid.NewGuid():N}"[..28];

        // A lead keeps only their own group's replies, not the partnership's.
        var choices = mark.Driver.FindElements(By.CssSelector("#resolverGroupId option")).Select(o => o.Text.Trim()).ToList();
        Assert.Equal(["Business Applications"], choices);
        mark.Driver.FindElement(By.XPath("//button[normalize-space()='Add']")).Click();
        mark.Until(d => d.FindElement(By.CssSelector(".govuk-error-summary")).Displayed, "the error summary");
        failures.AddRange(mark.Audit("canned-reply-errors", showsErrors: true));

        mark.Driver.FindElement(By.Id("title")).SendKeys(title);
        mark.Driver.FindElement(By.Id("body")).SendKeys("Hello {first name}, the payroll export for {reference} has been run again.");
        mark.Driver.FindElement(By.XPath("//button[normalize-space()='Add']")).Click();
        mark.Until(d => d.FindElement(By.CssSelector(".govuk-notification-banner")).Text.Contains("added", StringComparison.Ordinal), "added");
        var row = mark.Driver.FindElement(By.XPath($"//div[contains(@class,'govuk-summary-list__row')][dt[contains(., '{title}')]]"));
        Assert.Contains("Business Applications · used 0 times", row.Text);

        row.FindElement(By.CssSelector("a.govuk-link")).Click();
        var body = mark.Driver.FindElement(By.Id("body"));
        body.Clear();
        body.SendKeys("Hello {first name}, the payroll export for {reference} ran again overnight.");
        mark.Driver.FindElement(By.XPath("//button[normalize-space()='Save']")).Click();
        mark.Until(d => d.FindElement(By.CssSelector(".govuk-notification-banner")).Text.Contains("saved", StringComparison.Ordinal), "saved");
        Assert.Contains("ran again overnight", mark.Driver.FindElement(By.XPath($"//div[contains(@class,'govuk-summary-list__row')][dt[contains(., '{title}')]]")).Text);
        Assert.Empty(failures);
    }
}
