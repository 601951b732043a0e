using OpenQA.Selenium;

namespace ServiceDesk.Api.Tests.Browser;

/// <summary>
/// The SLA report page in headless Chromium: a service manager picks a council and month, reads the
/// RAG statuses in words, the charts and tables, and sends a past month again; an approver reads
/// their own council's. Checked with axe-core and at 320 pixels.
/// </summary>
[Collection(LiveDeskCollection.Name)]
public sealed class ReportBrowserTests(LiveDesk desk)
{
    [Fact]
    public void A_service_manager_reads_a_councils_month_and_sends_it_again()
    {
        Chromium.RequireInstalled();
        var failures = new List<string>();
        using var rob = new Chromium(desk.BaseUrl);
        rob.SignIn(Accounts.ServiceManager);
        rob.Driver.FindElement(By.CssSelector("nav[aria-label=Menu]")).FindElement(By.LinkText("SLA reports")).Click();
        Assert.Equal("Shared ICT partnership", rob.Heading());

        rob.Driver.FindElement(By.CssSelector("#council option[value=MBC]")).Click();
        rob.Driver.FindElement(By.CssSelector("#month option[value='2026-10']")).Click();
        rob.Driver.FindElement(By.CssSelector("form[aria-label='Choose the report'] button")).Click();
        rob.Until(d => d.FindElement(By.CssSelector("main h1")).Text == "Maidstone Borough Council", "the Maidstone report");
        failures.AddRange(rob.Audit("sla-report"));
        var statuses = rob.Driver.FindElements(By.CssSelector("table[data-section='Response within target'] strong.govuk-tag")).Select(t => t.Text).ToList();
        Assert.NotEmpty(statuses);
        Assert.All(statuses, s => Assert.Contains(s, new[] { "GREEN", "AMBER", "RED", "NO DATA", "Green", "Amber", "Red", "No data" }));
        Assert.Contains("Responses within target by priority",
            rob.Driver.FindElement(By.CssSelector("svg[data-chart=chart-response] title")).GetDomProperty("textContent") ?? "");

        rob.Driver.FindElement(By.XPath("//button[starts-with(normalize-space(.), 'Send again')]")).Click();
        rob.Until(d => d.FindElement(By.CssSelector(".govuk-notification-banner")).Text.Contains("sent again to 1 recipient", StringComparison.Ordinal), "the sent banner");
        failures.AddRange(rob.SidewaysScrolling(["/reports/sla?council=MBC&month=2026-10"]));

        using var david = new Chromium(desk.BaseUrl);
        david.SignIn(Accounts.MaidstoneApprover);
        david.Open("/reports/sla");
        Assert.Equal("Maidstone Borough Council", david.Heading());
        Assert.Empty(david.Driver.FindElements(By.XPath("//button[starts-with(normalize-space(.), 'Send again')]")));
        Assert.Empty(failures);
    }
}
