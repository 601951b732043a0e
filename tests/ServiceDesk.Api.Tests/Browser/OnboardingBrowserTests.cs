using System.Text.RegularExpressions;
using MimeKit;
using OpenQA.Selenium;
using ServiceDesk.Infrastructure.Jobs;
using ServiceDesk.TestSupport;

namespace ServiceDesk.Api.Tests.Browser;

/// <summary>
/// A desk put into service for real, in headless Chromium: no demo, the one-time setup link from the
/// log, a council, an agent added by form and a requester by CSV, each following the invitation read
/// from the pickup folder, then a ticket raised and worked. Every page checked with axe and at 320 px.
/// </summary>
public sealed class OnboardingBrowserTests
{
    [Fact]
    public async Task A_new_partnership_sets_up_adds_a_council_and_people_who_follow_their_invitations_and_work_a_ticket()
    {
        Chromium.RequireInstalled();
        await using var desk = new FreshLiveDesk();
        var failures = new List<string>();
        using var manager = new Chromium(desk.BaseUrl);

        // First run: the link from the log.
        manager.Open(desk.SetupLink);
        Assert.Equal("Set up the service desk", manager.Heading());
        failures.AddRange(manager.Audit("setup"));
        failures.AddRange(manager.SidewaysScrolling([desk.SetupLink]));
        manager.Driver.FindElement(By.Id("partnershipName")).SendKeys("Weald ICT Partnership");
        manager.Driver.FindElement(By.Id("name")).SendKeys("Rhona Fairweather");
        manager.Driver.FindElement(By.Id("email")).SendKeys("rhona.fairweather@wealdict.example");
        manager.Driver.FindElement(By.Id("password")).SendKeys("meadow lantern copper 7");
        manager.Driver.FindElement(By.CssSelector("main form button[type=submit]")).Click();
        manager.Until(d => d.Url.Contains("/sign-in", StringComparison.Ordinal), "the sign-in page");
        Assert.Contains("Weald ICT Partnership is set up", manager.Driver.FindElement(By.CssSelector(".govuk-notification-banner--success")).Text);
        Assert.Empty(manager.Driver.FindElements(By.CssSelector(".govuk-phase-banner")));
        manager.SignIn("rhona.fairweather@wealdict.example", "meadow lantern copper 7");
        // A new partnership starts with no catalogue: a resolver group and one service to raise tickets for.
        var api = await desk.SignInAsync("rhona.fairweather@wealdict.example", "meadow lantern copper 7");
        var group = await api.PostJsonAsync("/api/v1/resolver-groups", new { name = "Service Desk" }, System.Net.HttpStatusCode.Created);
        await api.PostJsonAsync("/api/v1/catalogue", new
        {
            name = "Printing", description = "Printers, print queues and scanning.", tier = "Essential", unitCost = 0,
            defaultResolverGroupId = group.GetProperty("id").GetInt32(), newCategories = new[] { "Print queue" },
        }, System.Net.HttpStatusCode.Created);

        // A council joins.
        manager.Open("/admin");
        manager.Driver.FindElement(By.LinkText("Add a council")).Click();
        failures.AddRange(manager.Audit("add-council"));
        manager.Driver.FindElement(By.Id("code")).SendKeys("TDC");
        manager.Driver.FindElement(By.Id("name")).SendKeys("Tandridge District Council");
        manager.Driver.FindElement(By.Id("mailDomains")).SendKeys("tandridge.example");
        manager.Driver.FindElement(By.Id("activeUsers")).Clear();
        manager.Driver.FindElement(By.Id("activeUsers")).SendKeys("380");
        manager.Driver.FindElement(By.CssSelector("main form button[type=submit]")).Click();
        manager.Until(d => d.FindElement(By.CssSelector(".govuk-notification-banner--success")).Text.Contains("Tandridge District Council added", StringComparison.Ordinal), "the council added");

        // An agent by form.
        manager.Open("/admin/people");
        failures.AddRange(manager.Audit("people"));
        manager.Driver.FindElement(By.LinkText("Add a person")).Click();
        failures.AddRange(manager.Audit("add-person"));
        manager.Driver.FindElement(By.Id("name")).SendKeys("Arjun Mehta");
        manager.Driver.FindElement(By.Id("email")).SendKeys("arjun.mehta@wealdict.example");
        manager.Driver.FindElement(By.XPath("//select[@id='mainCouncil']/option[starts-with(normalize-space(), 'Shared ICT')]")).Click();
        manager.Driver.FindElement(By.CssSelector("label[for='role-Agent']")).Click();
        manager.Driver.FindElement(By.XPath("//button[normalize-space()='Add and invite']")).Click();
        manager.Until(d => d.FindElement(By.CssSelector(".govuk-notification-banner--success")).Text.Contains("Arjun Mehta added", StringComparison.Ordinal), "the agent added");

        // A requester by CSV: preview, then import.
        var csv = Path.Combine(desk.Folder, "tandridge-staff.csv");
        await File.WriteAllTextAsync(csv, "name,email,roles\nBeth Okoro,beth.okoro@tandridge.example,requester\nStray Row,stray@elsewhere.example,requester\n");
        manager.Open("/admin/people/import");
        failures.AddRange(manager.Audit("import"));
        manager.Driver.FindElement(By.Id("file")).SendKeys(csv);
        manager.Driver.FindElement(By.XPath("//button[normalize-space()='Check the file']")).Click();
        manager.Until(d => d.FindElement(By.Id("import-summary")).Displayed, "the preview");
        Assert.Contains("not a mail domain of Tandridge District Council", manager.Driver.FindElement(By.Id("import-rows")).Text);
        failures.AddRange(manager.Audit("import-preview"));
        manager.Driver.FindElement(By.XPath("//button[starts-with(normalize-space(), 'Import 1 person')]")).Click();
        manager.Until(d => d.FindElement(By.CssSelector(".govuk-notification-banner--success")).Text.Contains("1 person of TDC added", StringComparison.Ordinal), "the import");
        failures.AddRange(manager.SidewaysScrolling(["/admin/people", "/admin/people/new", "/admin/people/import", "/admin/councils/TDC"]));

        // Each follows the invitation from the pickup folder and chooses a password.
        await desk.RunJobAsync<OutboxDispatchJob>(job => job.RunAsync(CancellationToken.None));
        using var agent = new Chromium(desk.BaseUrl);
        AcceptInvitation(agent, desk.InvitationLinkFor("arjun.mehta@wealdict.example"), "harbour pebble violin 31", failures);
        using var requester = new Chromium(desk.BaseUrl);
        AcceptInvitation(requester, desk.InvitationLinkFor("beth.okoro@tandridge.example"), "thistle ember compass 8", failures);

        // The requester raises a ticket; the agent works it.
        requester.Open("/report");
        requester.Driver.FindElement(By.XPath("//select[@id='serviceId']/option[normalize-space()='Printing']")).Click();
        requester.Driver.FindElement(By.Id("title")).SendKeys("Cannot print from the planning system");
        requester.Driver.FindElement(By.Id("description")).SendKeys("Print jobs vanish since this morning.");
        requester.Driver.FindElement(By.CssSelector("label[for=impact-2]")).Click();
        requester.Driver.FindElement(By.CssSelector("label[for=urgency-2]")).Click();
        requester.Driver.FindElement(By.CssSelector("main form button[type=submit]")).Click();
        requester.Until(d => d.FindElement(By.CssSelector(".govuk-panel__title")).Displayed, "the confirmation");
        var reference = requester.Driver.FindElement(By.CssSelector(".govuk-panel__body strong")).Text;

        agent.Open($"/desk/tickets/{reference}");
        agent.Driver.FindElement(By.XPath("//button[normalize-space()='Take this ticket']")).Click();
        agent.Until(d => d.FindElement(By.CssSelector(".govuk-notification-banner--success")).Displayed, "taken");
        agent.Driver.FindElement(By.Id("body")).SendKeys("The print queue was stuck; I have cleared it. Please try again.");
        agent.Driver.FindElement(By.XPath("//button[normalize-space()='Add']")).Click();
        agent.Until(d => d.FindElement(By.CssSelector(".govuk-notification-banner--success")).Text.Contains("Reply sent", StringComparison.Ordinal), "the reply");
        requester.Open($"/my-tickets/{reference}");
        Assert.Contains("print queue was stuck", requester.Driver.FindElement(By.Id("conversation")).Text);
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    private static void AcceptInvitation(Chromium browser, string link, string password, List<string> failures)
    {
        browser.Driver.Navigate().GoToUrl(link);
        Assert.Equal("Choose your password", browser.Heading());
        failures.AddRange(browser.Audit("invitation"));
        browser.Driver.FindElement(By.Id("newPassword")).SendKeys(password);
        browser.Driver.FindElement(By.CssSelector("main form button[type=submit]")).Click();
        browser.Until(d => d.FindElements(By.CssSelector(".sd-account__who")).Count > 0, "signed in");
    }

    /// <summary>A fresh desk (no demo) on a loopback port, writing its mail to a pickup folder of its own.</summary>
    private sealed class FreshLiveDesk : FreshDesk
    {
        public FreshLiveDesk()
        {
            Folder = Directory.CreateTempSubdirectory("servicedesk-onboarding-").FullName;
            Port = Loopback.FreePort();
            UseKestrel(Port);
            StartServer();
        }

        public string Folder { get; }
        public int Port { get; }
        public string BaseUrl => $"http://127.0.0.1:{Port}";
        private string Pickup => Path.Combine(Folder, "outbox");

        protected override IEnumerable<(string Key, string Value)> Settings =>
        [
            ("ServiceDesk:Email:Smtp:PickupDirectory", Pickup),
            ("ServiceDesk:Accounts:SiteAddress", BaseUrl),
        ];

        /// <summary>The link in the invitation written to the pickup folder for this address.</summary>
        public string InvitationLinkFor(string address)
        {
            foreach (var file in Directory.GetFiles(Pickup, "*.eml"))
            {
                var message = MimeMessage.Load(file);
                if (!message.To.Mailboxes.Any(m => m.Address == address)) continue;
                var link = Regex.Match(message.TextBody ?? "", @"https?://\S+/account/choose-password\S+");
                if (link.Success) return link.Value;
            }
            throw new InvalidOperationException($"No invitation for {address} in the pickup folder.");
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
        }
    }
}
