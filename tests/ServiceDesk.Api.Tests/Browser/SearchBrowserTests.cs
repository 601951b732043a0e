using OpenQA.Selenium;
using OpenQA.Selenium.Interactions;

namespace ServiceDesk.Api.Tests.Browser;

/// <summary>
/// Full-text search in headless Chromium: the header's search box with the keyboard alone, ranked
/// results with the words highlighted (and what people typed shown as text), a search that cannot be
/// used named in the error summary, and a requester's search that never shows an internal note. Each
/// page is checked with axe-core and at 320 pixels.
/// </summary>
[Collection(LiveDeskCollection.Name)]
public sealed class SearchBrowserTests(LiveDesk desk)
{
    [Fact]
    public async Task Desk_staff_and_requesters_search_from_the_header_with_the_keyboard_and_see_only_what_they_may()
    {
        Chromium.RequireInstalled();
        var alice = await desk.SignInAsync(Accounts.MaidstoneRequester);
        var priya = await desk.SignInAsync(Accounts.Agent);
        var reference = await alice.RaiseAsync(await alice.ServiceIdAsync("Email and calendar"), "Brindlecove mailbox <script>alert(1)</script> full");
        await priya.PostJsonAsync($"/api/v1/tickets/{reference}/comments", new { body = "Brindlecove archive policy missing: zephyrnote", @internal = true });
        await alice.PostJsonAsync($"/api/v1/tickets/{reference}/comments", new { body = "The brindlecove mailbox is still full." });

        var failures = new List<string>();
        using (var agent = new Chromium(desk.BaseUrl))
        {
            agent.SignIn(Accounts.Agent);
            var keys = new Actions(agent.Driver);
            BrowserTests.TabTo(agent, "input", "header-q");
            keys.SendKeys("brindlecove mailbox" + Keys.Enter).Perform();
            agent.Until(d => d.FindElements(By.CssSelector(".sd-hit")).Count > 0, "the search results");
            Assert.Equal("Search tickets, replies, notes and mail", agent.Heading());
            var marks = agent.Driver.FindElements(By.CssSelector(".sd-hit__snippet mark")).Select(m => m.Text.ToLowerInvariant()).ToList();
            Assert.Contains("brindlecove", marks);
            Assert.Contains(agent.Driver.FindElements(By.CssSelector(".sd-hit .govuk-tag")), t => t.Text == "Reply");
            // What was typed is shown as text: no script element came from the title.
            Assert.Empty(agent.Driver.FindElements(By.CssSelector("main script")));
            failures.AddRange(agent.Audit("desk-search"));
            var resultsPath = new Uri(agent.Driver.Url).PathAndQuery;

            BrowserTests.TabTo(agent, "a", agent.Driver.FindElement(By.CssSelector(".sd-hit a")).Text);
            keys.SendKeys(Keys.Enter).Perform();
            agent.Until(d => d.Url.Contains($"/desk/tickets/{reference}", StringComparison.Ordinal), "the ticket");

            agent.Open("/desk/search?q=" + new string('x', 201));
            failures.AddRange(agent.Audit("desk-search-refused", showsErrors: true));
            Assert.StartsWith("Error:", agent.Driver.Title);
            Assert.Contains("200 characters or fewer", agent.Driver.FindElement(By.CssSelector(".govuk-error-summary")).Text);
            Assert.Equal("200", agent.Driver.FindElement(By.Id("q")).GetAttribute("maxlength"));
            failures.AddRange(agent.SidewaysScrolling(["/desk/search", resultsPath]));
        }
        using (var requester = new Chromium(desk.BaseUrl))
        {
            requester.SignIn(Accounts.MaidstoneRequester);
            var keys = new Actions(requester.Driver);
            BrowserTests.TabTo(requester, "input", "header-q");
            keys.SendKeys("brindlecove" + Keys.Enter).Perform();
            requester.Until(d => d.FindElements(By.CssSelector(".sd-hit")).Count > 0, "the search results");
            Assert.Equal("Search your tickets", requester.Heading());
            var kinds = requester.Driver.FindElements(By.CssSelector(".sd-hit .govuk-tag")).Select(t => t.Text).ToList();
            Assert.DoesNotContain("Internal note", kinds);
            Assert.DoesNotContain("zephyrnote", requester.Driver.FindElement(By.TagName("main")).Text);
            Assert.Equal($"/my-tickets/{reference}", new Uri(requester.Driver.FindElement(By.CssSelector(".sd-hit a")).GetAttribute("href")!).AbsolutePath);
            failures.AddRange(requester.Audit("portal-search"));
            var resultsPath = new Uri(requester.Driver.Url).PathAndQuery;
            requester.Open("/search?q=zephyrnote");
            Assert.Contains("Nothing found", requester.Driver.FindElement(By.TagName("main")).Text);
            failures.AddRange(requester.SidewaysScrolling(["/search", resultsPath]));
        }
        using (var outsider = new Chromium(desk.BaseUrl))
        {
            outsider.SignIn(Accounts.SwaleRequester);
            outsider.Open("/search?q=brindlecove");
            Assert.Empty(outsider.Driver.FindElements(By.CssSelector(".sd-hit")));
            outsider.Open("/desk/search?q=brindlecove");
            Assert.Empty(outsider.Driver.FindElements(By.CssSelector(".sd-hit")));
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }
}
