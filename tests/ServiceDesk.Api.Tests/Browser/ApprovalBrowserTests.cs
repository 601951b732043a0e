using OpenQA.Selenium;

namespace ServiceDesk.Api.Tests.Browser;

/// <summary>
/// An approver decides priced requests in the browser (a rejection asks for its reason), the requester
/// sees the outcome on their ticket, and the recharge statement shows the council's figures with a CSV.
/// Every page is checked with axe-core and at 320 pixels.
/// </summary>
[Collection(LiveDeskCollection.Name)]
public sealed class ApprovalBrowserTests(LiveDesk desk)
{
    [Fact]
    public async Task An_approver_rejects_a_request_with_a_reason_the_requester_then_reads_and_reads_the_recharge_statement()
    {
        Chromium.RequireInstalled();
        var failures = new List<string>();
        var alice = await desk.SignInAsync(Accounts.MaidstoneRequester);
        var request = await alice.PostJsonAsync("/api/v1/tickets", new
        {
            type = "ServiceRequest", title = "Visio for the transformation team", description = "Three licences for process mapping.",
            serviceId = await alice.ServiceIdAsync("Additional software licence"), impact = "Low", urgency = "Low", quantity = 3,
        }, System.Net.HttpStatusCode.Created);
        var reference = request.Str("reference");

        using var david = new Chromium(desk.BaseUrl);
        david.SignIn(Accounts.MaidstoneApprover);
        david.Driver.FindElement(By.CssSelector("nav[aria-label=Menu]")).FindElement(By.LinkText("Approvals")).Click();
        failures.AddRange(david.Audit("approvals"));
        var card = david.Driver.FindElements(By.CssSelector(".govuk-summary-card")).Single(c => c.Text.Contains(reference, StringComparison.Ordinal));
        Assert.Contains("£540.00", card.Text);

        // Rejecting without a reason is refused, naming the field; with one, the request closes.
        card.FindElement(By.CssSelector("details summary")).Click();
        card.FindElement(By.XPath($".//button[normalize-space()='Reject {reference}']")).Click();
        david.Until(d => d.FindElement(By.CssSelector(".govuk-error-summary")).Displayed, "the error summary");
        failures.AddRange(david.Audit("approvals-refused", showsErrors: true));
        Assert.StartsWith("Error:", david.Driver.Title);
        Assert.Single(david.Driver.FindElements(By.CssSelector(".govuk-error-summary li")));
        david.Driver.FindElement(By.CssSelector(".govuk-error-summary a[href='#reason']")).Click();
        david.Driver.FindElement(By.Id("reason")).SendKeys("We have a site licence for the free diagram tool.");
        david.Driver.FindElement(By.XPath($"//button[normalize-space()='Reject {reference}']")).Click();
        david.Until(d => d.FindElement(By.CssSelector(".govuk-notification-banner--success")).Displayed, "the decision");
        Assert.Contains($"{reference} (Visio for the transformation team) is rejected", david.Driver.FindElement(By.CssSelector(".govuk-notification-banner--success")).Text);

        david.Driver.FindElement(By.CssSelector("nav[aria-label=Menu]")).FindElement(By.LinkText("Recharges")).Click();
        failures.AddRange(david.Audit("recharges"));
        Assert.Contains("apportioned by active users", david.Driver.FindElement(By.CssSelector("main")).Text);
        Assert.Contains("format=csv", david.Driver.FindElement(By.LinkText("Download this statement (CSV)")).GetAttribute("href"));
        failures.AddRange(david.SidewaysScrolling(["/approvals", "/reports/recharges?council=MBC&quarter=2026-Q3"]));

        // The requester reads why on their ticket.
        using var requester = new Chromium(desk.BaseUrl);
        requester.SignIn(Accounts.MaidstoneRequester);
        requester.Open($"/my-tickets/{reference}");
        failures.AddRange(requester.Audit("ticket-rejected"));
        var approval = requester.Driver.FindElement(By.Id("approval")).Text;
        Assert.Contains("Rejected", approval);
        Assert.Contains("We have a site licence for the free diagram tool.", approval);
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }
}
