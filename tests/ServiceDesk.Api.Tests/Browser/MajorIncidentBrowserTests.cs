using OpenQA.Selenium;

namespace ServiceDesk.Api.Tests.Browser;

/// <summary>
/// Links, a merge with its confirmation step, a major incident with a child of another council,
/// and the outage form, on the ticket page with the keyboard alone; every state checked with axe.
/// </summary>
[Collection(LiveDeskCollection.Name)]
public sealed class MajorIncidentBrowserTests(LiveDesk desk)
{
    private static void Submit(Chromium browser, string id, string text)
    {
        var box = browser.Driver.FindElement(By.Id(id));
        box.Clear();
        box.SendKeys(text);
        box.SendKeys(Keys.Enter);
    }

    private static void OpenDetails(Chromium browser, string summaryText) =>
        browser.Driver.FindElement(By.XPath($"//summary[normalize-space()='{summaryText}']")).SendKeys(Keys.Enter);

    private static string Banner(Chromium browser, string contains) =>
        browser.Until(d => d.FindElement(By.CssSelector(".govuk-notification-banner--success")).Text is var t && t.Contains(contains, StringComparison.Ordinal) ? t : null, contains)!;

    private static string ErrorSummary(Chromium browser) =>
        browser.Until(d => d.FindElement(By.CssSelector(".govuk-error-summary")), "the error summary").Text;

    [Fact]
    public async Task An_agent_links_merges_and_runs_a_major_incident_with_its_outage_from_the_ticket_page()
    {
        Chromium.RequireInstalled();
        var alice = await desk.SignInAsync(Accounts.MaidstoneRequester);
        var ben = await desk.SignInAsync(Accounts.MaidstoneRequester2);
        var frank = await desk.SignInAsync(Accounts.SwaleRequester);
        var service = await alice.ServiceIdAsync("Email and calendar");
        var parent = await alice.RaiseAsync(service, "Nobody in the council offices can send email");
        var duplicate = await ben.RaiseAsync(service, "Email will not send");
        var swale = await frank.RaiseAsync(service, "Swale: Outlook cannot send");

        var failures = new List<string>();
        using var priya = new Chromium(desk.BaseUrl);
        priya.SignIn(Accounts.Agent);

        // Link the duplicate to the Swale ticket, by keyboard.
        priya.Open($"/desk/tickets/{duplicate}");
        OpenDetails(priya, "Link to another ticket");
        Submit(priya, "ticket", swale);
        Banner(priya, $"Linked to {swale}");
        Assert.Contains(swale, priya.Driver.FindElement(By.CssSelector("[data-links]")).Text);
        failures.AddRange(priya.Audit("ticket-linked"));

        // A merge across councils is refused against its field; into the same council's original it asks first.
        OpenDetails(priya, "Merge this duplicate into its original");
        Submit(priya, "into", swale);
        Assert.Contains("another council", ErrorSummary(priya));
        Assert.Equal("#into", priya.Driver.FindElement(By.CssSelector(".govuk-error-summary a")).GetDomProperty("hash"));
        failures.AddRange(priya.Audit("merge-refused", showsErrors: true));
        Submit(priya, "into", parent);
        var confirm = priya.Until(d => d.FindElement(By.CssSelector($"[data-merge-confirm='{parent}']")), "the confirmation");
        Assert.Contains("cannot be undone", confirm.Text);
        failures.AddRange(priya.Audit("merge-confirm"));
        priya.Driver.FindElement(By.XPath($"//button[normalize-space()='Yes, merge into {parent}']")).SendKeys(Keys.Enter);
        Banner(priya, $"Merged into {parent}");
        Assert.Contains(parent, priya.Driver.FindElement(By.CssSelector("[data-merged-into]")).Text);

        // The original becomes a major incident; Swale's incident is attached; an empty update is named.
        priya.Open($"/desk/tickets/{parent}");
        priya.Driver.FindElement(By.XPath("//button[normalize-space()='Declare a major incident']")).SendKeys(Keys.Enter);
        Banner(priya, "major incident");
        Submit(priya, "childTicket", swale);
        Banner(priya, $"{swale} is attached");
        Assert.Contains(swale, priya.Driver.FindElement(By.CssSelector("[data-children]")).Text);
        priya.Driver.FindElement(By.XPath("//button[normalize-space()='Send update']")).SendKeys(Keys.Enter);
        Assert.Contains("Write the update", ErrorSummary(priya));
        Assert.Equal("#updateBody", priya.Driver.FindElement(By.CssSelector(".govuk-error-summary a")).GetDomProperty("hash"));
        failures.AddRange(priya.Audit("major-update-refused", showsErrors: true));
        priya.Driver.FindElement(By.Id("updateBody")).SendKeys("Sending is failing everywhere; engineers are on it.");
        priya.Driver.FindElement(By.XPath("//button[normalize-space()='Send update']")).SendKeys(Keys.Enter);
        Banner(priya, "Update sent");
        failures.AddRange(priya.Audit("major-incident"));
        var own = await frank.GetJsonAsync($"/api/v1/tickets/{swale}");
        Assert.Contains(own.GetProperty("conversation").EnumerateArray(), c => c.Str("body").Contains("engineers are on it", StringComparison.Ordinal));

        // The outage: an end before its start is named; then recorded with the services affected.
        priya.Script("document.getElementById('outageStartedAt').value = '2026-11-23T08:00';");
        priya.Script("document.getElementById('outageEndedAt').value = '2026-11-23T07:00';");
        priya.Driver.FindElement(By.XPath("//button[normalize-space()='Record the outage']")).SendKeys(Keys.Enter);
        Assert.Contains("must end after it started", ErrorSummary(priya));
        Assert.Equal("#outageEndedAt", priya.Driver.FindElement(By.CssSelector(".govuk-error-summary a")).GetDomProperty("hash"));
        failures.AddRange(priya.Audit("outage-refused", showsErrors: true));
        priya.Script("document.getElementById('outageStartedAt').value = '2026-11-23T08:00';");
        priya.Script("document.getElementById('outageEndedAt').value = '2026-11-23T09:15';");
        priya.Driver.FindElement(By.Id("serviceIds")).SendKeys(Keys.Space);
        priya.Driver.FindElement(By.XPath("//button[normalize-space()='Record the outage']")).SendKeys(Keys.Enter);
        Banner(priya, "Outage recorded");
        var history = (await (await desk.SignInAsync(Accounts.Agent)).GetJsonAsync($"/api/v1/tickets/{parent}/history")).EnumerateArray();
        Assert.Contains(history, h => h.Str("change") == "Outage" && h.Str("to").StartsWith("2026-11-23 08:00 to 2026-11-23 09:15", StringComparison.Ordinal));
        Assert.Empty(failures);
    }
}
