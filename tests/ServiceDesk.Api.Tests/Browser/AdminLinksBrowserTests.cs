using OpenQA.Selenium;

namespace ServiceDesk.Api.Tests.Browser;

/// <summary>
/// Every link on every administration list leads somewhere: each "Change" link and each name that
/// opens a record answers with its page, not "Page not found"; a service added a moment ago can be
/// opened, repriced and retired from the catalogue like any other.
/// </summary>
[Collection(LiveDeskCollection.Name)]
public sealed class AdminLinksBrowserTests(LiveDesk desk)
{
    private static readonly string[] Lists = ["/admin", "/admin/catalogue", "/admin/groups", "/admin/people", "/admin/sla", "/admin/calendars"];

    [Fact]
    public void Every_change_link_on_every_admin_list_opens_its_page()
    {
        Chromium.RequireInstalled();
        using var rob = new Chromium(desk.BaseUrl);
        rob.SignIn(Accounts.ServiceManager);

        var followed = new List<string>();
        var broken = new List<string>();
        foreach (var list in Lists)
        {
            rob.Open(list);
            Assert.NotEqual("Page not found", rob.Heading());
            // The record links of a list: every link in its tables, and the buttons that add one.
            var targets = rob.Driver.FindElements(By.CssSelector("main table a[href], main a.govuk-button[href]"))
                .Select(a => (Text: a.GetDomProperty("textContent")!.Trim(), Href: a.GetAttribute("href")!))
                .Where(t => t.Href.StartsWith(desk.BaseUrl + "/admin", StringComparison.Ordinal))
                .DistinctBy(t => t.Href)
                .ToList();
            foreach (var (text, href) in targets)
            {
                rob.Open(href[desk.BaseUrl.Length..]);
                followed.Add(href);
                if (rob.Heading() is "Page not found" or "Sorry, there is a problem with the service" or "You cannot use this page")
                    broken.Add($"{list}: \"{text}\" → {href} answered \"{rob.Heading()}\"");
            }
        }
        Assert.True(broken.Count == 0, string.Join("\n", broken));
        foreach (var record in new[] { "/admin/catalogue/", "/admin/councils/", "/admin/groups/", "/admin/people/" })
            Assert.Contains(followed, h => h.Contains(record, StringComparison.Ordinal) && !h.EndsWith("/new", StringComparison.Ordinal));
    }

    [Fact]
    public void A_service_just_added_can_be_changed_and_retired_from_the_catalogue()
    {
        Chromium.RequireInstalled();
        var failures = new List<string>();
        using var rob = new Chromium(desk.BaseUrl);
        rob.SignIn(Accounts.ServiceManager);
        var name = $"Plotter support {Guid.NewGuid():N}"[..24];

        rob.Open("/admin/catalogue");
        rob.Driver.FindElement(By.LinkText("Add a service")).Click();
        rob.Driver.FindElement(By.Id("name")).SendKeys(name);
        rob.Driver.FindElement(By.Id("description")).SendKeys("Large-format plotters in planning departments.");
        rob.Driver.FindElement(By.CssSelector("label[for='tier-enhanced']")).Click();
        rob.Driver.FindElement(By.Id("unitCost")).SendKeys("40");
        rob.Driver.FindElement(By.CssSelector("main form button[type=submit]")).Click();
        rob.Until(d => d.Url.EndsWith("/admin/catalogue", StringComparison.Ordinal), "the catalogue");

        rob.Driver.FindElement(By.XPath($"//tr[th[contains(., '{name}')]]//a[starts-with(normalize-space(), 'Change')]")).Click();
        Assert.Equal($"Change {name}", rob.Heading());
        failures.AddRange(rob.Audit("change-service"));
        var cost = rob.Driver.FindElement(By.Id("unitCost"));
        Assert.Equal("40.00", cost.GetAttribute("value"));
        cost.Clear();
        cost.SendKeys("55.50");
        rob.Driver.FindElement(By.CssSelector("label[for='retired']")).Click();
        rob.Driver.FindElement(By.CssSelector("main form button[type=submit]")).Click();
        rob.Until(d => d.Url.EndsWith("/admin/catalogue", StringComparison.Ordinal), "the catalogue");

        var row = rob.Driver.FindElement(By.XPath($"//tr[th[contains(., '{name}')]]"));
        Assert.Contains("55.50", row.Text);
        Assert.Contains($"{name} (retired)", row.Text);
        rob.Open("/admin/catalogue/not-a-service");
        Assert.Equal("Page not found", rob.Heading());
        Assert.Empty(failures);
    }

    [Fact]
    public async Task A_problems_title_owner_and_services_are_changed_on_its_page()
    {
        Chromium.RequireInstalled();
        var api = await desk.SignInAsync(Accounts.ProblemManager);
        var catalogue = (await api.GetJsonAsync("/api/v1/catalogue")).EnumerateArray().ToList();
        int ServiceId(string name) => catalogue.First(s => s.GetProperty("name").GetString() == name).GetProperty("id").GetInt32();
        var problem = await api.PostJsonAsync("/api/v1/problems", new
        {
            title = "Printers drop off the network", description = "Several printers vanish from the queue every morning.",
            serviceIds = new[] { ServiceId("Printing and scanning") }, priority = "P3",
        }, System.Net.HttpStatusCode.Created);
        var reference = problem.GetProperty("reference").GetString()!;

        var failures = new List<string>();
        using var helen = new Chromium(desk.BaseUrl);
        helen.SignIn(Accounts.ProblemManager);
        helen.Open($"/problems/{reference}");
        helen.Driver.FindElement(By.CssSelector("#change-summary summary")).Click();
        failures.AddRange(helen.Audit("problem-change"));

        // Not a problem manager: the form says so and keeps what was typed.
        var title = helen.Driver.FindElement(By.Id("title"));
        title.Clear();
        title.SendKeys("Printers in Sittingbourne drop off the network");
        var owner = helen.Driver.FindElement(By.Id("ownerEmail"));
        owner.Clear();
        owner.SendKeys(Accounts.Agent);
        helen.Driver.FindElement(By.XPath("//label[normalize-space()='Network and Wi-Fi']")).Click();
        helen.Driver.FindElement(By.XPath("//button[normalize-space()='Save title, owner and services']")).Click();
        helen.Until(d => d.FindElement(By.CssSelector(".govuk-error-summary")).Displayed, "the error summary");
        Assert.Contains("not a problem manager", helen.Driver.FindElement(By.CssSelector(".govuk-error-summary")).Text);
        failures.AddRange(helen.Audit("problem-change-error", showsErrors: true));
        Assert.Equal("Printers in Sittingbourne drop off the network", helen.Driver.FindElement(By.Id("title")).GetAttribute("value"));

        owner = helen.Driver.FindElement(By.Id("ownerEmail"));
        owner.Clear();
        owner.SendKeys(Accounts.ProblemManager);
        helen.Driver.FindElement(By.XPath("//button[normalize-space()='Save title, owner and services']")).Click();
        helen.Until(d => d.FindElement(By.CssSelector(".govuk-notification-banner--success")).Text.Contains("Title, owner and services saved", StringComparison.Ordinal), "saved");

        var saved = await api.GetJsonAsync($"/api/v1/problems/{reference}");
        Assert.Equal("Printers in Sittingbourne drop off the network", saved.GetProperty("title").GetString());
        Assert.Equal(Accounts.ProblemManager, saved.GetProperty("owner").GetProperty("email").GetString());
        Assert.Equal(["Network and Wi-Fi", "Printing and scanning"], saved.GetProperty("services").EnumerateArray().Select(s => s.GetProperty("name").GetString()!).Order());
        Assert.Empty(failures);
    }

    [Fact]
    public async Task The_calendar_of_P1_and_major_incidents_is_chosen_on_the_calendars_page()
    {
        Chromium.RequireInstalled();
        var api = await desk.SignInAsync(Accounts.ServiceManager);
        var calendar = (await api.GetJsonAsync("/api/v1/calendars")).EnumerateArray().First();
        var failures = new List<string>();
        using var rob = new Chromium(desk.BaseUrl);
        rob.SignIn(Accounts.ServiceManager);
        rob.Open("/admin/calendars");
        Assert.True(rob.Driver.FindElement(By.Id("majorIncidentCalendar")).Selected);
        failures.AddRange(rob.Audit("major-incident-calendar"));

        try
        {
            rob.Driver.FindElement(By.CssSelector($"label[for='majorIncidentCalendar-{calendar.GetProperty("id").GetInt32()}']")).Click();
            rob.Driver.FindElement(By.XPath("//button[normalize-space()='Save calendar of P1 and major incidents']")).Click();
            rob.Until(d => d.FindElement(By.CssSelector(".govuk-notification-banner--success")).Text.Contains($"run on {calendar.GetProperty("name").GetString()}", StringComparison.Ordinal), "saved");
            Assert.Equal(calendar.GetProperty("id").GetInt32(), (await api.GetJsonAsync("/api/v1/calendars/major-incidents")).GetProperty("calendarId").GetInt32());
        }
        finally
        {
            // Back to 24×7 for the other tests on this desk.
            rob.Open("/admin/calendars");
            rob.Driver.FindElement(By.CssSelector("label[for='majorIncidentCalendar']")).Click();
            rob.Driver.FindElement(By.XPath("//button[normalize-space()='Save calendar of P1 and major incidents']")).Click();
            rob.Until(d => d.FindElement(By.CssSelector(".govuk-notification-banner--success")).Text.Contains("run on 24×7", StringComparison.Ordinal), "saved");
        }
        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await api.GetJsonAsync("/api/v1/calendars/major-incidents")).GetProperty("calendarId").ValueKind);
        Assert.Empty(failures);
    }

    [Fact]
    public async Task A_persons_phone_number_is_changed_on_their_page_and_a_wrong_one_is_named()
    {
        Chromium.RequireInstalled();
        var api = await desk.SignInAsync(Accounts.ServiceManager);
        var mia = (await api.GetJsonAsync("/api/v1/people?q=mia.nash")).GetProperty("items")[0];
        var failures = new List<string>();
        using var rob = new Chromium(desk.BaseUrl);
        rob.SignIn(Accounts.ServiceManager);
        rob.Open($"/admin/people/{mia.GetProperty("id").GetInt32()}");

        var phone = rob.Driver.FindElement(By.Id("phone"));
        Assert.Equal(mia.GetProperty("phone").GetString(), phone.GetAttribute("value"));
        phone.Clear();
        phone.SendKeys("ask at reception");
        rob.Driver.FindElement(By.CssSelector("main form button[type=submit]")).Click();
        rob.Until(d => d.FindElement(By.CssSelector(".govuk-error-summary")).Displayed, "the error summary");
        Assert.Contains("Enter a phone number", rob.Driver.FindElement(By.CssSelector(".govuk-error-summary")).Text);
        failures.AddRange(rob.Audit("person-phone-error", showsErrors: true));

        phone = rob.Driver.FindElement(By.Id("phone"));
        phone.Clear();
        phone.SendKeys("01632 960 444");
        rob.Driver.FindElement(By.CssSelector("main form button[type=submit]")).Click();
        rob.Until(d => d.FindElement(By.CssSelector(".govuk-notification-banner")).Text.Contains("saved", StringComparison.Ordinal), "saved");
        Assert.Equal("01632 960 444", (await api.GetJsonAsync($"/api/v1/people/{mia.GetProperty("id").GetInt32()}")).GetProperty("phone").GetString());
        Assert.Empty(failures);
    }
}
