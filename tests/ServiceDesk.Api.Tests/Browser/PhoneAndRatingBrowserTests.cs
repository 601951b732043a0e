using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;
using OpenQA.Selenium.Interactions;
using ServiceDesk.Core.Features.Email;
using ServiceDesk.Infrastructure.Persistence;
using static ServiceDesk.Api.Tests.Browser.BrowserTests;

namespace ServiceDesk.Api.Tests.Browser;

/// <summary>
/// An agent logs a phone call with the keyboard alone, from finding the caller to resolving it on
/// first contact; a requester rates a ticket from the link in the resolution email. Checked with
/// axe-core and at 320 pixels.
/// </summary>
[Collection(LiveDeskCollection.Name)]
public sealed class PhoneAndRatingBrowserTests(LiveDesk desk)
{
    [Fact]
    public void An_agent_logs_a_call_and_resolves_it_on_first_contact_with_the_keyboard_alone()
    {
        Chromium.RequireInstalled();
        var failures = new List<string>();
        using var browser = new Chromium(desk.BaseUrl);
        browser.SignIn(Accounts.Agent);
        browser.Open("/desk/phone");
        failures.AddRange(browser.Audit("phone-empty"));
        var keys = new Actions(browser.Driver);

        // Find the caller: type in the search box and press Enter.
        TabTo(browser, "input", "q");
        keys.SendKeys("ben carter" + Keys.Enter).Perform();
        browser.Until(d => d.FindElement(By.Id("callers-found")).Text == "1 caller found", "the caller found");
        Assert.Contains("Maidstone Borough Council", browser.Driver.FindElement(By.CssSelector(".sd-caller")).Text);
        TabTo(browser, "a", "Log this call for Ben Carter");
        keys.SendKeys(Keys.Enter).Perform();
        browser.Until(d => d.FindElement(By.Id("requesterEmail")).GetAttribute("value") == Accounts.MaidstoneRequester2, "the caller chosen");
        failures.AddRange(browser.Audit("phone-caller-chosen"));

        // Sending it empty names what is missing.
        TabTo(browser, "button", "Log the call");
        keys.SendKeys(Keys.Enter).Perform();
        browser.Until(d => d.FindElement(By.CssSelector(".govuk-error-summary")).Displayed, "the error summary");
        failures.AddRange(browser.Audit("phone-errors", showsErrors: true));
        Assert.Equal(Accounts.MaidstoneRequester2, browser.Driver.FindElement(By.Id("requesterEmail")).GetAttribute("value"));

        // Choosing a service shows its published known errors and workarounds at once, as on the portal (typing picks the option).
        TabTo(browser, "select", "serviceId");
        keys.SendKeys("Printing").Perform();
        browser.Until(d => d.FindElement(By.Id("known-errors")).Text.Contains("A known problem with this service", StringComparison.Ordinal), "the known error");
        failures.AddRange(browser.Audit("phone-known-errors", showsErrors: true)); // the summary of the empty send is still shown

        DescribeTheCall(browser, "Phone: Outlook asks for the password again", "Since this morning Outlook keeps asking for the password.");
        TabTo(browser, "input", "resolvedOnFirstContact");
        keys.SendKeys(Keys.Space).Perform();
        TabTo(browser, "textarea", "resolution");
        keys.SendKeys("Cleared the saved credentials; Outlook signed in again.").Perform();
        TabTo(browser, "button", "Log the call");
        keys.SendKeys(Keys.Enter).Perform();

        browser.Until(d => d.Url.Contains("/desk/tickets/SD-", StringComparison.Ordinal), "the new ticket");
        Assert.Contains("resolved on first contact", browser.Driver.FindElement(By.CssSelector(".govuk-notification-banner")).Text);
        Assert.Equal("Phone: Outlook asks for the password again", browser.Heading());

        failures.AddRange(browser.SidewaysScrolling(["/desk/phone", "/desk/phone?q=ben%20carter&requesterEmail=ben.carter%40maidstone.example"]));
        Assert.Empty(failures);
    }

    [Fact]
    public void A_council_group_member_logs_a_call_for_a_colleague_of_their_council_with_the_keyboard_alone()
    {
        Chromium.RequireInstalled();
        var failures = new List<string>();
        using var browser = new Chromium(desk.BaseUrl);
        browser.SignIn("jack.kent@swale.example");
        browser.Open("/desk/phone");
        var keys = new Actions(browser.Driver);

        // Another council's people are not found.
        TabTo(browser, "input", "q");
        keys.SendKeys("alice turner" + Keys.Enter).Perform();
        browser.Until(d => d.FindElement(By.Id("callers-found")).Text == "0 callers found", "no caller found");

        browser.Open("/desk/phone");
        TabTo(browser, "input", "q");
        keys.SendKeys("harry irwin" + Keys.Enter).Perform();
        browser.Until(d => d.FindElement(By.Id("callers-found")).Text == "1 caller found", "the caller found");
        TabTo(browser, "a", "Log this call for Harry Irwin");
        keys.SendKeys(Keys.Enter).Perform();
        browser.Until(d => d.FindElement(By.Id("requesterEmail")).GetAttribute("value") == "harry.irwin@swale.example", "the caller chosen");
        failures.AddRange(browser.Audit("phone-council-member"));

        DescribeTheCall(browser, "Phone: second screen flickers", "The second screen at the Sittingbourne office flickers.");
        TabTo(browser, "button", "Log the call");
        keys.SendKeys(Keys.Enter).Perform();

        // Jack follows the ticket he logged, wherever it was routed.
        browser.Until(d => d.Url.Contains("/desk/tickets/SD-", StringComparison.Ordinal), "the new ticket");
        Assert.Contains("Call logged as", browser.Driver.FindElement(By.CssSelector(".govuk-notification-banner")).Text);
        Assert.Equal("Phone: second screen flickers", browser.Heading());
        Assert.Empty(failures);
    }

    /// <summary>With the keyboard: the first service, the summary and what the caller said, the first impact and urgency.</summary>
    private static void DescribeTheCall(Chromium browser, string title, string said)
    {
        var keys = new Actions(browser.Driver);
        TabTo(browser, "select", "serviceId");
        keys.SendKeys(Keys.ArrowDown).Perform();
        TabTo(browser, "input", "title");
        keys.SendKeys(title).Perform();
        keys.SendKeys(Keys.Tab + said).Perform();
        TabTo(browser, "input", "impact");
        keys.SendKeys(Keys.Space).Perform();
        TabTo(browser, "input", "urgency");
        keys.SendKeys(Keys.Space).Perform();
    }

    [Fact]
    public async Task A_requester_rates_a_ticket_from_the_link_in_the_resolution_email()
    {
        Chromium.RequireInstalled();
        var alice = await desk.SignInAsync(Accounts.MaidstoneRequester);
        var priya = await desk.SignInAsync(Accounts.Agent);
        var reference = await alice.RaiseAsync(await alice.ServiceIdAsync("General enquiry"), "Rating page: where is the handbook?");
        await priya.PostJsonAsync($"/api/v1/tickets/{reference}/status", new { status = "Resolved", resolution = "Sent the link to the handbook." });
        string body;
        await using (var scope = desk.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ServiceDeskDbContext>();
            var id = long.Parse(reference[3..]);
            body = (await db.Notifications.AsNoTracking().SingleAsync(n => n.TicketId == id && n.Kind == TicketMail.Resolved)).Body;
        }
        var link = Regex.Match(body, @"/rate/[A-Za-z0-9_-]+\?rating=4").Value;

        var failures = new List<string>();
        using var browser = new Chromium(desk.BaseUrl);
        browser.Open(link);
        failures.AddRange(browser.Audit("rate-link"));
        Assert.Equal("How did we do?", browser.Heading());
        Assert.True(browser.Driver.FindElement(By.CssSelector("input[name=rating][value='4']")).Selected);
        // Opening the page recorded nothing.
        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await alice.GetJsonAsync($"/api/v1/tickets/{reference}")).GetProperty("satisfaction").ValueKind);
        failures.AddRange(browser.SidewaysScrolling([link]));

        TabTo(browser, "button", "Send my rating");
        new Actions(browser.Driver).SendKeys(Keys.Enter).Perform();
        browser.Until(d => d.FindElement(By.CssSelector(".govuk-panel__title")).Text == "Thank you for your rating", "the thanks");
        failures.AddRange(browser.Audit("rate-thanks"));
        Assert.Equal(4, (await alice.GetJsonAsync($"/api/v1/tickets/{reference}")).GetProperty("satisfaction").GetProperty("rating").GetInt32());

        browser.Open(link.Replace("rating=4", "rating=1", StringComparison.Ordinal));
        Assert.Equal("This link has been used", browser.Heading());
        failures.AddRange(browser.Audit("rate-used"));
        browser.Open("/rate/not-a-real-link?rating=5");
        Assert.Equal("Page not found", browser.Heading());
        Assert.Empty(failures);
    }

    [Fact]
    public async Task A_requester_turns_off_closure_emails_with_the_keyboard()
    {
        Chromium.RequireInstalled();
        using var browser = new Chromium(desk.BaseUrl);
        browser.SignIn(Accounts.SwaleRequester2);
        browser.Open("/account/emails");
        var failures = browser.Audit("emails").ToList();
        Assert.True(browser.Driver.FindElement(By.Id("closed")).Selected);

        TabTo(browser, "input", "closed");
        new Actions(browser.Driver).SendKeys(Keys.Space).Perform();
        TabTo(browser, "button", "Save");
        new Actions(browser.Driver).SendKeys(Keys.Enter).Perform();
        browser.Until(d => d.FindElement(By.CssSelector(".govuk-notification-banner")).Text.Contains("saved", StringComparison.Ordinal), "the saved banner");
        Assert.False(browser.Driver.FindElement(By.Id("closed")).Selected);
        Assert.True(browser.Driver.FindElement(By.Id("assigned")).Selected);
        var gemma = await desk.SignInAsync(Accounts.SwaleRequester2);
        Assert.False((await gemma.GetJsonAsync("/api/v1/me/mail")).GetProperty("closed").GetBoolean());
        failures.AddRange(browser.SidewaysScrolling(["/account/emails"]));
        await gemma.PutJsonAsync("/api/v1/me/mail", new { closed = true });
        Assert.Empty(failures);
    }
}
