using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Domain.Calendars;
using ServiceDesk.Core.Domain.Knowledge;
using ServiceDesk.Core.Domain.Problems;
using ServiceDesk.Core.Domain.Sla;
using ServiceDesk.Core.Domain.Tickets;
using ServiceDesk.Core.Features.Knowledge;
using ServiceDesk.Infrastructure.Identity;
using ServiceDesk.Infrastructure.Persistence;

namespace ServiceDesk.Infrastructure.Seeding;

/// <summary>
/// The demo partnership of product.md: Maidstone, Swale and Tunbridge Wells, the shared ICT
/// team, resolver groups, a tiered catalogue, about 200 tickets over the past 90 days and a few
/// problems (one a published known error, and repeated OneDrive incidents for a candidate problem),
/// walked through the real domain methods so their history is genuine. Mail domains are
/// under the reserved .example top-level domain; every demo account has the same password.
/// </summary>
public sealed class DemoPartnership(ServiceDeskDbContext db, TimeProvider time)
{
    public const string Password = "Demo-Desk-2026!";
    public const string Name = "Demo partnership";
    public const int TicketCount = 200;
    public const string SharedIctDomain = "sharedict.example";

    private readonly Random _random = new(20261123);
    private Dictionary<(ServiceTier, Priority), SlaTarget> _sla = [];
    private Dictionary<(int, Priority), OlaTarget> _ola = [];

    /// <summary>Demo accounts: email, name, roles, main council code (null = shared ICT), other council codes.</summary>
    public static readonly IReadOnlyList<(string Email, string Name, PersonRoles Roles, string? Council, string[] Others)> Accounts =
    [
        ("priya.shah@sharedict.example", "Priya Shah", PersonRoles.Agent | PersonRoles.ResolverGroupMember, null, []),
        ("tom.okafor@sharedict.example", "Tom Okafor", PersonRoles.Agent | PersonRoles.ResolverGroupMember, null, []),
        ("lucy.brennan@sharedict.example", "Lucy Brennan", PersonRoles.Agent | PersonRoles.ResolverGroupMember, null, []),
        ("dan.whitfield@sharedict.example", "Dan Whitfield", PersonRoles.ResolverGroupMember, null, []),
        ("grace.nolan@sharedict.example", "Grace Nolan", PersonRoles.ResolverGroupMember, null, []),
        ("aisha.karim@sharedict.example", "Aisha Karim", PersonRoles.ResolverGroupMember, null, []),
        ("mark.ellison@sharedict.example", "Mark Ellison", PersonRoles.ResolverGroupMember, null, []),
        ("owen.price@sharedict.example", "Owen Price", PersonRoles.ResolverGroupMember, null, []),
        ("helen.marsh@sharedict.example", "Helen Marsh", PersonRoles.ProblemManager, null, []),
        ("rob.fairley@sharedict.example", "Rob Fairley", PersonRoles.ServiceManager, null, []),

        ("alice.turner@maidstone.example", "Alice Turner", PersonRoles.Requester, "MBC", []),
        ("ben.carter@maidstone.example", "Ben Carter", PersonRoles.Requester, "MBC", []),
        ("chloe.evans@maidstone.example", "Chloe Evans", PersonRoles.Requester, "MBC", []),
        ("david.hughes@maidstone.example", "David Hughes", PersonRoles.Requester | PersonRoles.Approver, "MBC", []),
        ("ellie.moss@maidstone.example", "Ellie Moss", PersonRoles.Requester | PersonRoles.ResolverGroupMember, "MBC", []),

        ("frank.green@swale.example", "Frank Green", PersonRoles.Requester, "SBC", []),
        ("gemma.hall@swale.example", "Gemma Hall", PersonRoles.Requester, "SBC", []),
        ("harry.irwin@swale.example", "Harry Irwin", PersonRoles.Requester, "SBC", []),
        ("isla.james@swale.example", "Isla James", PersonRoles.Requester | PersonRoles.Approver, "SBC", []),
        ("jack.kent@swale.example", "Jack Kent", PersonRoles.Requester | PersonRoles.ResolverGroupMember, "SBC", []),
        ("sam.reid@swale.example", "Sam Reid", PersonRoles.Requester, "SBC", ["TWBC"]),

        ("kate.lewis@tunbridgewells.example", "Kate Lewis", PersonRoles.Requester, "TWBC", []),
        ("liam.morgan@tunbridgewells.example", "Liam Morgan", PersonRoles.Requester, "TWBC", []),
        ("mia.nash@tunbridgewells.example", "Mia Nash", PersonRoles.Requester, "TWBC", []),
        ("noah.owen@tunbridgewells.example", "Noah Owen", PersonRoles.Requester | PersonRoles.Approver, "TWBC", []),
        ("olivia.parr@tunbridgewells.example", "Olivia Parr", PersonRoles.Requester | PersonRoles.ResolverGroupMember, "TWBC", []),
    ];

    private sealed record ServiceSeed(string Name, string Description, ServiceTier Tier, decimal Cost, string Group, string[] Categories, (string Title, string Description)[] Examples, bool OnSite = false);

    private static readonly ServiceSeed[] ServiceSeeds =
    [
        new("General enquiry", "Anything that fits nowhere else; the desk routes it.", ServiceTier.Essential, 0, "Service Desk", ["Question", "How do I"],
            [("How do I set an out-of-office reply?", "I'm on leave next week and need an automatic reply on my mailbox."), ("Who approves new starter accounts?", "A new officer joins my team on Monday; what do I need to send?")]),
        new("Email and calendar", "Mailboxes, shared mailboxes, calendars and distribution lists.", ServiceTier.Essential, 0, "Infrastructure & Servers", ["Cannot send or receive", "Mailbox full", "Shared mailbox access"],
            [("Outlook will not send email", "Messages sit in the outbox since this morning."), ("Mailbox full warning", "I get a warning that my mailbox is almost full and can't receive."), ("Need access to the planning shared mailbox", "I've joined the planning team and need the shared mailbox.")]),
        new("Password and account access", "Password resets, locked accounts and multi-factor sign-in.", ServiceTier.Essential, 0, "Service Desk", ["Locked account", "Password reset", "Multi-factor sign-in"],
            [("Account locked out", "I've been locked out after changing my password."), ("Authenticator app on new phone", "I changed my phone and can't approve sign-ins."), ("Password expired while on leave", "Back from leave and my password has expired.")]),
        new("Desktop hardware", "Council laptops, desktops, docks and peripherals.", ServiceTier.Essential, 0, "Service Desk", ["Laptop fault", "Dock or monitor", "Keyboard or mouse"],
            [("Laptop will not power on", "My laptop shows no lights even when plugged in."), ("Docking station not detecting monitors", "Both screens stay black when I dock."), ("Keyboard keys sticking", "Several keys on my laptop keyboard stick.")], OnSite: true),
        new("Printing and scanning", "Multi-function printers, print queues and scan-to-email.", ServiceTier.Essential, 0, "Service Desk", ["Print queue", "Scan to email", "Printer fault"],
            [("Can't print to the first-floor printer", "Jobs disappear from the queue and nothing prints."), ("Scan to email not arriving", "Scans from the reception copier never reach my inbox."), ("Printer jammed and showing error", "The MFD in the customer centre shows a paper jam error.")], OnSite: true),
        new("Network and Wi-Fi", "Office network, Wi-Fi and building connectivity.", ServiceTier.Essential, 0, "Networks & Telephony", ["Wi-Fi", "Wired network", "Slow connection"],
            [("No Wi-Fi in the council chamber", "The staff Wi-Fi is not visible in the chamber before tonight's meeting."), ("Network very slow on second floor", "Everything on the second floor is slow to load since lunchtime."), ("Desk network port dead", "The network port at my desk gives no connection.")]),
        new("Remote access", "VPN and remote working from home.", ServiceTier.Essential, 0, "Networks & Telephony", ["VPN", "Home working"],
            [("VPN keeps disconnecting", "The VPN drops every few minutes when I work from home."), ("Can't reach file shares from home", "Mapped drives don't appear when working remotely.")]),
        new("Telephony", "Desk phones, softphones and the contact centre lines.", ServiceTier.Essential, 0, "Networks & Telephony", ["Desk phone", "Softphone", "Contact centre"],
            [("Contact centre queue not answering", "Callers to the revenues line hear ringing but no agent gets the call."), ("Softphone has no audio", "I can't hear callers on the softphone."), ("Voicemail PIN reset", "I've forgotten my voicemail PIN.")]),
        new("File shares and storage", "Network drives, permissions and restores.", ServiceTier.Essential, 0, "Infrastructure & Servers", ["Permissions", "Restore a file", "Drive missing"],
            [("Restore a deleted folder", "A folder on the housing share was deleted yesterday afternoon."), ("Access to finance share", "I need read access to the finance share for the audit."), ("H: drive missing", "My home drive does not appear after logging in.")]),
        new("Microsoft 365 apps", "Word, Excel, Teams, OneDrive and SharePoint.", ServiceTier.Essential, 0, "Business Applications", ["Teams", "OneDrive", "Office apps"],
            [("Teams meetings have no video", "Other people can't see my camera in Teams."), ("OneDrive not syncing", "OneDrive shows a red cross and files are not syncing."), ("Excel crashes opening the budget workbook", "Excel closes whenever I open the budget workbook.")]),
        new("Line-of-business applications", "Revenues and benefits, planning, housing and waste systems.", ServiceTier.Essential, 0, "Business Applications", ["Revenues and benefits", "Planning system", "Housing system"],
            [("Planning portal not accepting uploads", "Applicants report that document uploads fail."), ("Revenues system running slowly", "Account look-ups take over a minute in the revenues system."), ("Housing system login error", "I get an authentication error when opening the housing system.")]),
        new("Extended support hours", "Desk cover 07:00–19:00 on working days for the council.", ServiceTier.Enhanced, 18000, "Service Desk", ["Subscription"],
            [("Extended hours for elections period", "We need extended desk cover during the count.")]),
        new("Additional laptop", "A standard council laptop with dock, for a new or extra user.", ServiceTier.Enhanced, 950, "Service Desk", ["New starter", "Additional device"],
            [("Laptop for new starter in planning", "New planning officer starts on the 1st of next month."), ("Spare laptop for hot-desk area", "A laptop for the shared hot-desk area.")], OnSite: true),
        new("Mobile phone", "A managed smartphone with council apps and contract.", ServiceTier.Enhanced, 320, "Networks & Telephony", ["New phone", "Replacement"],
            [("Mobile phone for enforcement officer", "Our new enforcement officer needs a managed phone."), ("Replacement phone, cracked screen", "My council phone's screen is cracked.")]),
        new("Second monitor", "An additional 24-inch monitor and cable.", ServiceTier.Enhanced, 140, "Service Desk", ["Monitor"],
            [("Second monitor for finance officer", "A second screen for reconciliations.")], OnSite: true),
        new("Additional software licence", "A licence for standard paid software (e.g. Visio, Project, Adobe Acrobat).", ServiceTier.Enhanced, 180, "Business Applications", ["Licence"],
            [("Adobe Acrobat Pro licence", "I need to redact documents for FOI responses."), ("Visio licence for process mapping", "For the service redesign project.")]),
        new("Meeting room AV", "Screens, cameras and microphones for a meeting room.", ServiceTier.Enhanced, 1200, "Networks & Telephony", ["Installation"],
            [("Hybrid meeting kit for committee room 2", "Camera and microphones so members can join remotely.")]),
        new("Specialist hardware", "Hardware outside the standard range, within security standards.", ServiceTier.Bespoke, 1500, "Infrastructure & Servers", ["Specialist device"],
            [("Large-format plotter for planning", "Planning needs an A0 plotter for site plans."), ("Rugged tablet for street-scene inspections", "Inspectors need tablets that survive outdoor use.")], OnSite: true),
        new("System integration", "Connecting a new line-of-business system to council systems.", ServiceTier.Bespoke, 4500, "Business Applications", ["Integration"],
            [("Integrate new parking system with finance", "The new parking permit system needs to post income to the ledger.")]),
        new("Custom report development", "A new report or dashboard from council data.", ServiceTier.Bespoke, 850, "Business Applications", ["Report"],
            [("Monthly homelessness dashboard", "A dashboard of homelessness cases for the portfolio holder.")]),
    ];

    private static readonly string[] Resolutions =
    [
        "Reset the account and confirmed sign-in with the requester.",
        "Replaced the faulty unit and tested it with the requester.",
        "Cleared the stuck print queue and restarted the spooler.",
        "Applied the permission change; the requester confirmed access.",
        "Restored the files from last night's backup.",
        "Reconfigured the device profile and confirmed it works.",
        "Delivered and set up the equipment.",
        "Updated the application and cleared the local cache.",
    ];

    public async Task SeedAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var calendars = await db.Calendars.Include(c => c.ClosureDays).ToDictionaryAsync(c => c.Name, ct);
        var standard = calendars[ReferenceData.StandardCalendar];

        var councils = new Dictionary<string, Council>
        {
            ["MBC"] = new("MBC", "Maidstone Borough Council", ["maidstone.example"], 610, standard.Id),
            ["SBC"] = new("SBC", "Swale Borough Council", ["swale.example"], 470, standard.Id),
            ["TWBC"] = new("TWBC", "Tunbridge Wells Borough Council", ["tunbridgewells.example"], 420, calendars[ReferenceData.ExtendedCalendar].Id),
        };
        // Each council's approver receives its monthly SLA report.
        foreach (var (code, council) in councils)
            council.Update(council.Name, council.MailDomains, council.ActiveUsers, council.CalendarId,
                Accounts.Where(a => a.Council == code && a.Roles.HasFlag(PersonRoles.Approver)).Select(a => a.Email));
        db.Councils.AddRange(councils.Values);
        await db.SaveChangesAsync(ct);

        var people = new Dictionary<string, Person>();
        foreach (var a in Accounts)
        {
            var person = new Person(a.Email, a.Name, a.Roles, a.Council is null ? null : councils[a.Council].Id,
                a.Others.Select(o => councils[o].Id));
            people[a.Email] = person;
            db.People.Add(person);
        }
        // Council staff's phone numbers come from Ofcom's range kept for drama (01632 960000 to 960999), so none is a real line.
        var line = 0;
        foreach (var person in people.Values.Where(p => !p.IsSharedIct)) person.SetPhone($"01632 960{++line:000}");
        await db.SaveChangesAsync(ct);
        AddSignIns(people.Values);

        var groups = SeedGroups(councils, people);
        await db.SaveChangesAsync(ct);
        foreach (var group in groups.Values) db.OlaTargets.AddRange(OlaTarget.DefaultsFor(group.Id));
        SeedCannedReplies(groups, now);
        await db.SaveChangesAsync(ct);
        _sla = await db.SlaTargets.ToDictionaryAsync(t => (t.Tier, t.Priority), ct);
        _ola = await db.OlaTargets.ToDictionaryAsync(t => (t.ResolverGroupId, t.Priority), ct);
        var services = SeedServices(councils, groups);
        await db.SaveChangesAsync(ct);
        SeedSubscriptions(councils, services, calendars);
        await db.SaveChangesAsync(ct);

        SeedTickets(now, councils, people, groups, services, calendars);
        await db.SaveChangesAsync(ct);
        await SeedChargesAsync(services, ct);

        SeedRepeatedIncidents(now, councils, people, groups, services, calendars);
        await db.SaveChangesAsync(ct);
        await SeedProblemsAsync(now, people, services, ct);
        await SeedArticlesAsync(now, councils, people, services, ct);
    }

    /// <summary>The replies agents send most, partnership-wide and for the networks team.</summary>
    private void SeedCannedReplies(Dictionary<string, ResolverGroup> groups, DateTime now)
    {
        db.CannedReplies.AddRange(
            new CannedReply("Password reset done",
                "Hello {first name},\n\nYour password has been reset. You will be asked to choose a new one when you next sign in.\n\n{agent}, Shared ICT Service Desk ({reference})",
                null, now),
            new CannedReply("Can you tell us more?",
                "Hello {first name},\n\nThank you for reporting this. So that we can look into {reference}, could you tell us when it started and whether colleagues see it too?\n\n{agent}",
                null, now),
            new CannedReply("Restart and try again",
                "Hello {first name},\n\nPlease restart your device and try again; most {service} problems clear after a restart. Reply to this email if it does not.\n\n{agent}",
                null, now),
            new CannedReply("Engineer visit booked",
                "Hello {first name},\n\nAn engineer from the networks team will visit to check the connection. We will confirm the time by reply on {reference}.\n\n{agent}",
                groups["Networks & Telephony"].Id, now));
    }

    /// <summary>
    /// Six OneDrive incidents in the last five days, none linked to a problem: enough for the
    /// candidate-problem rule to show one on the trends page.
    /// </summary>
    private void SeedRepeatedIncidents(DateTime now, Dictionary<string, Council> councils, Dictionary<string, Person> people,
        Dictionary<string, ResolverGroup> groups, Dictionary<string, CatalogueService> services, Dictionary<string, BusinessCalendar> calendars)
    {
        var groupsById = groups.Values.ToDictionary(g => g.Id);
        var service = services["Microsoft 365 apps"];
        var oneDrive = service.Categories.First(c => c.Name == "OneDrive");
        string[] callers = ["alice.turner@maidstone.example", "frank.green@swale.example", "kate.lewis@tunbridgewells.example",
            "ben.carter@maidstone.example", "gemma.hall@swale.example", "liam.morgan@tunbridgewells.example"];
        var calendarsById = calendars.Values.ToDictionary(c => c.Id);
        for (var i = 0; i < callers.Length; i++)
        {
            var requester = people[callers[i]];
            var council = councils.Values.First(c => c.Id == requester.MainCouncilId);
            var created = now.AddHours(-2 - 20 * (callers.Length - 1 - i));
            var ticket = Ticket.Raise(TicketType.Incident, "OneDrive not syncing", "OneDrive shows a red cross and my files have stopped syncing.",
                requester, council, service, groupsById[service.ResolverGroupFor(council.Id)], oneDrive, Impact.Medium, Urgency.Medium, Channel.Portal, Actor.Of(requester), created);
            db.Tickets.Add(ticket);
            var calendar = calendarsById[council.CalendarId];
            ticket.UpdateClocks(TermsFor(ticket, service, calendar), created);
            ticket.UpdateClocks(TermsFor(ticket, service, calendar), now);
        }
    }

    /// <summary>
    /// Three problems owned by the problem manager: a published known error (scan to email), one under
    /// investigation (VPN drops) and one closed (slow revenues system), each with its incidents linked.
    /// </summary>
    private async Task SeedProblemsAsync(DateTime now, Dictionary<string, Person> people, Dictionary<string, CatalogueService> services, CancellationToken ct)
    {
        var manager = people["helen.marsh@sharedict.example"];
        var by = Actor.Of(manager);

        var scanning = await RaiseProblemAsync("Scan to email from the copiers is not delivered",
            "Scans sent to email from the multi-function copiers never arrive; printing from them still works.",
            Priority.P3, services["Printing and scanning"], "Scan to email", manager, now.AddDays(-20), ct);
        scanning.ChangeStatus(ProblemStatus.UnderInvestigation, null, by, now.AddDays(-19));
        scanning.RecordRootCause("The copiers relay mail through a connector whose certificate expired; the mail service refuses their messages.", by, now.AddDays(-4));
        scanning.RecordWorkaround("Choose \"Scan to folder\" on the copier and pick your team's Scans folder, then attach the file to an email from Outlook.", by, now.AddDays(-4));
        scanning.ChangeStatus(ProblemStatus.KnownError, null, by, now.AddDays(-3));

        var vpn = await RaiseProblemAsync("VPN drops every few minutes for home workers",
            "Home workers report the VPN disconnecting every few minutes, mostly in the mornings.",
            Priority.P2, services["Remote access"], "VPN", manager, now.AddDays(-15), ct);
        vpn.ChangeStatus(ProblemStatus.UnderInvestigation, null, by, now.AddDays(-14));

        var revenues = await RaiseProblemAsync("Revenues system slow on account look-ups",
            "Account look-ups in the revenues system take over a minute at busy times.",
            Priority.P3, services["Line-of-business applications"], "Revenues and benefits", manager, now.AddDays(-60), ct);
        revenues.ChangeStatus(ProblemStatus.UnderInvestigation, null, by, now.AddDays(-59));
        revenues.RecordRootCause("The account search scanned the whole ledger: an index was missing after the last upgrade.", by, now.AddDays(-40));
        revenues.ChangeStatus(ProblemStatus.Resolved, "The supplier added the missing index; look-ups take under two seconds.", by, now.AddDays(-35));
        revenues.ChangeStatus(ProblemStatus.Closed, null, by, now.AddDays(-30));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// A handful of knowledge articles: self-help for the commonest calls (for all councils), one for
    /// Swale alone, one desk-only note, one draft, and the scan-to-email known error as its article.
    /// </summary>
    private async Task SeedArticlesAsync(DateTime now, Dictionary<string, Council> councils, Dictionary<string, Person> people,
        Dictionary<string, CatalogueService> services, CancellationToken ct)
    {
        var priya = people["priya.shah@sharedict.example"];
        var helen = people["helen.marsh@sharedict.example"];
        var today = PartnershipTime.LocalDate(now);
        void Add(string title, string body, string service, string? category, string[] keywords, ArticleAudience audience, Person owner,
            int publishedDaysAgo, int reviewInDays, params string[] chosen)
        {
            var at = now.AddDays(-Math.Max(publishedDaysAgo, 1));
            var content = new ArticleContent(title, body, category, keywords, audience, chosen.Select(c => councils[c].Id).ToList(),
                [services[service].Id], today.AddDays(reviewInDays));
            var article = Article.Draft(content, owner, Actor.Of(owner), at);
            if (publishedDaysAgo > 0) article.Publish(Actor.Of(owner), at, PartnershipTime.LocalDate(at));
            db.Articles.Add(article);
        }

        Add("Outlook keeps asking for my password",
            "If Outlook asks for your password again and again:\n\n1. Close Outlook.\n2. Open **Credential Manager** from the Start menu and choose *Windows Credentials*.\n" +
            "3. Remove every entry that starts with `MicrosoftOffice`.\n4. Open Outlook and sign in once with your council email address and password.\n\n" +
            "If it still asks, your password may have expired: change it with *Ctrl+Alt+Del → Change a password*, then try again.",
            "Email and calendar", "Cannot send or receive", ["outlook", "password prompt", "credentials"], ArticleAudience.AllCouncils, priya, 40, 300);
        Add("Reset your password or unlock your account",
            "You can reset a forgotten password yourself from any council computer's sign-in screen: choose **Reset password**, " +
            "confirm with the multi-factor sign-in app, and choose a new password of at least 12 characters.\n\n" +
            "A locked account unlocks by itself after 15 minutes. If you have no phone with the sign-in app, report a problem and the desk will call you back.",
            "Password and account access", "Password reset", ["locked out", "forgotten password", "unlock", "mfa"], ArticleAudience.AllCouncils, priya, 60, 200);
        Add("Connect to the office Wi-Fi on a council laptop",
            "Council laptops join **Council-Staff** Wi-Fi by themselves. If yours does not:\n\n- Turn Wi-Fi off and on from the network icon.\n" +
            "- Choose **Council-Staff** (not *Council-Guest*) and sign in with your council account.\n- Restart the laptop while on a wired network if it still fails.\n\n" +
            "*Council-Guest* is for visitors' own devices and cannot reach council systems.",
            "Network and Wi-Fi", "Wi-Fi", ["wifi", "wireless", "network"], ArticleAudience.AllCouncils, priya, 25, 120);
        Add("OneDrive shows a red cross and stops syncing",
            "A red cross on the OneDrive cloud icon means files are not syncing.\n\n1. Click the icon and read the message: most often a file name has a character " +
            "OneDrive refuses (such as `:` or `*`) or a path is too long; rename the file.\n2. If it says you are signed out, sign in with your council account.\n" +
            "3. Choose **Settings → Pause syncing**, then **Resume syncing**.",
            "Microsoft 365 apps", "OneDrive", ["onedrive", "sync", "red cross"], ArticleAudience.AllCouncils, priya, 10, 180);
        Add("Swale: print from the Swale House hot-desk printers",
            "Swale House hot-desk printers use follow-me printing: print to **Swale-FollowMe**, then tap your pass on any printer on any floor to release the job. " +
            "Jobs not released in 24 hours are removed.",
            "Printing and scanning", "Print queue", ["follow-me", "printer", "swale house"], ArticleAudience.ChosenCouncils, priya, 30, 240, "SBC");
        Add("Desk note: rebuilding a corrupt Outlook profile",
            "For the desk only. When clearing credentials does not help, rebuild the profile remotely: *Control Panel → Mail → Show Profiles*, add a new profile, " +
            "set it to **Always use this profile**, and leave the old one for a week before removing it. Shared mailboxes re-map by themselves within an hour.",
            "Email and calendar", "Cannot send or receive", ["outlook profile", "remote"], ArticleAudience.DeskStaff, priya, 15, 150);
        Add("Set up the softphone on a new laptop",
            "Draft: steps for installing and signing in to the softphone on a new council laptop.",
            "Telephony", "Softphone", ["softphone", "headset"], ArticleAudience.AllCouncils, priya, 0, 365);
        await db.SaveChangesAsync(ct);

        // The published known error is published as an article too, as it would be at the desk.
        var knownError = await db.Problems.Include(p => p.Services).FirstAsync(p => p.Status == ProblemStatus.KnownError, ct);
        await new KnownErrorArticles(db).FollowAsync(knownError, Actor.Of(helen), knownError.KnownErrorPublishedAt ?? now, ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Raises a problem and links the demo incidents of its service and category logged around the time it was raised.</summary>
    private async Task<Problem> RaiseProblemAsync(string title, string description, Priority priority, CatalogueService service, string category,
        Person manager, DateTime at, CancellationToken ct)
    {
        var by = Actor.Of(manager);
        var problem = Problem.Raise(title, description, priority, [service], manager, by, at);
        db.Problems.Add(problem);
        await db.SaveChangesAsync(ct);
        var narrowTo = service.Categories.First(c => c.Name == category);
        problem.NarrowToCategory(narrowTo, by, at);
        var (since, until) = (at.AddDays(-14), at.AddDays(3));
        var incidents = await db.Tickets
            .Where(t => t.Type == TicketType.Incident && t.ServiceId == service.Id && t.CategoryId == narrowTo.Id && t.CreatedAt >= since && t.CreatedAt <= until)
            .OrderBy(t => t.CreatedAt).Take(6).ToListAsync(ct);
        foreach (var ticket in incidents)
            problem.Link(ticket, null, by, (ticket.CreatedAt > at ? ticket.CreatedAt : at).AddMinutes(10));
        return problem;
    }

    private void AddSignIns(IEnumerable<Person> people)
    {
        // One hash for the shared demo password: hashing is deliberately slow.
        var hash = new PasswordHasher<DeskUser>().HashPassword(new DeskUser(), Password);
        foreach (var person in people)
        {
            var account = SignInAccounts.NewAccount(person);
            account.PasswordHash = hash;
            account.EmailConfirmed = true;
            db.Users.Add(account);
        }
    }

    private Dictionary<string, ResolverGroup> SeedGroups(Dictionary<string, Council> councils, Dictionary<string, Person> people)
    {
        var spec = new (string Name, string? Council, string Lead, string[] Members)[]
        {
            ("Service Desk", null, "priya.shah@sharedict.example", ["tom.okafor@sharedict.example", "lucy.brennan@sharedict.example"]),
            ("Infrastructure & Servers", null, "dan.whitfield@sharedict.example", ["grace.nolan@sharedict.example"]),
            ("Networks & Telephony", null, "aisha.karim@sharedict.example", ["grace.nolan@sharedict.example"]),
            ("Business Applications", null, "mark.ellison@sharedict.example", ["owen.price@sharedict.example"]),
            ("Maidstone on-site desktop", "MBC", "ellie.moss@maidstone.example", ["tom.okafor@sharedict.example"]),
            ("Swale on-site desktop", "SBC", "jack.kent@swale.example", ["lucy.brennan@sharedict.example"]),
            ("Tunbridge Wells on-site desktop", "TWBC", "olivia.parr@tunbridgewells.example", ["priya.shah@sharedict.example"]),
        };
        var groups = new Dictionary<string, ResolverGroup>();
        foreach (var (name, council, lead, members) in spec)
        {
            var group = new ResolverGroup(name, council is null ? null : councils[council].Id);
            db.ResolverGroups.Add(group);
            group.SetLead(people[lead].Id);
            foreach (var m in members) group.AddMember(people[m].Id);
            groups[name] = group;
        }
        return groups;
    }

    private Dictionary<string, CatalogueService> SeedServices(Dictionary<string, Council> councils, Dictionary<string, ResolverGroup> groups)
    {
        var services = new Dictionary<string, CatalogueService>();
        foreach (var s in ServiceSeeds)
        {
            var service = new CatalogueService(s.Name, s.Description, s.Tier, s.Cost, groups[s.Group].Id);
            foreach (var c in s.Categories) service.Categories.Add(new Category(c));
            if (s.OnSite)
            {
                // Hands-on work goes to each council's own on-site team, e.g. Swale's desktop hardware to "Swale on-site desktop".
                service.RouteCouncilTo(councils["MBC"].Id, groups["Maidstone on-site desktop"].Id);
                service.RouteCouncilTo(councils["SBC"].Id, groups["Swale on-site desktop"].Id);
                service.RouteCouncilTo(councils["TWBC"].Id, groups["Tunbridge Wells on-site desktop"].Id);
            }
            services[s.Name] = service;
            db.Services.Add(service);
        }
        return services;
    }

    private void SeedTickets(DateTime now, Dictionary<string, Council> councils, Dictionary<string, Person> people,
        Dictionary<string, ResolverGroup> groups, Dictionary<string, CatalogueService> services, Dictionary<string, BusinessCalendar> calendars)
    {
        var agents = people.Values.Where(p => p.IsSharedIct && p.Has(PersonRoles.Agent)).ToList();
        var requesters = people.Values.Where(p => !p.IsSharedIct).ToList();
        var groupsById = groups.Values.ToDictionary(g => g.Id);
        var calendarsById = calendars.Values.ToDictionary(c => c.Id);
        var starts = Enumerable.Range(0, TicketCount)
            .Select(_ => BusinessMoment(now.AddMinutes(-_random.Next(30, 90 * 24 * 60))))
            .Where(t => t < now)
            .Order()
            .ToList();

        foreach (var created in starts)
        {
            var seed = PickService();
            var service = services[seed.Name];
            var requester = requesters[_random.Next(requesters.Count)];
            var council = councils.Values.First(c => c.Id == requester.MainCouncilId);
            var (title, description) = seed.Examples[_random.Next(seed.Examples.Length)];
            var category = service.Categories[_random.Next(service.Categories.Count)];
            var type = seed.Tier == ServiceTier.Essential && seed.Name != "General enquiry" ? TicketType.Incident : TicketType.ServiceRequest;
            var impact = Pick(Impact.Low, Impact.Medium, Impact.Medium, Impact.High);
            var urgency = Pick(Urgency.Low, Urgency.Medium, Urgency.Medium, Urgency.High);
            var channel = Pick(Channel.Portal, Channel.Portal, Channel.Email, Channel.Email, Channel.Phone, Channel.Api);
            var agent = agents[_random.Next(agents.Count)];
            var loggedBy = channel == Channel.Phone ? Actor.Of(agent) : Actor.Of(requester);

            var ticket = Ticket.Raise(type, title, description, requester, council, service, groupsById[service.ResolverGroupFor(council.Id)],
                category, impact, urgency, channel, loggedBy, created);
            db.Tickets.Add(ticket);
            var calendar = calendarsById[council.CalendarId];
            ticket.UpdateClocks(TermsFor(ticket, service, calendar), created);
            var lastChange = Walk(ticket, created, now, agent, requester, groupsById, people, calendar, service);
            ticket.UpdateClocks(TermsFor(ticket, service, calendar), lastChange);
            // Whatever warnings and breaches fell due up to now are on the ticket, as the sweep would have recorded them.
            ticket.UpdateClocks(TermsFor(ticket, service, calendar), now);
        }
    }

    /// <summary>Moves a ticket along a plausible path; older tickets are further along.</summary>
    private DateTime Walk(Ticket ticket, DateTime created, DateTime now, Person agent, Person requester,
        Dictionary<int, ResolverGroup> groups, Dictionary<string, Person> people, BusinessCalendar calendar, CatalogueService service)
    {
        var ageDays = (now - created).TotalDays;
        var target = ageDays switch
        {
            < 0.3 => Pick(TicketStatus.New, TicketStatus.New, TicketStatus.Assigned),
            < 3 => Pick(TicketStatus.New, TicketStatus.Assigned, TicketStatus.InProgress, TicketStatus.AwaitingCustomer, TicketStatus.Resolved),
            < 9 => Pick(TicketStatus.InProgress, TicketStatus.AwaitingCustomer, TicketStatus.Resolved, TicketStatus.Closed, TicketStatus.Closed),
            _ => _random.NextDouble() < 0.06 ? Pick(TicketStatus.InProgress, TicketStatus.AwaitingCustomer) : TicketStatus.Closed,
        };
        // Work happens in business hours: steps are shares of the business time since logging.
        var span = calendar.BusinessMinutesBetween(created, now);
        if (target == TicketStatus.New || span < 60 || !Approve(ticket, target, created, people)) return created;
        var t = created;
        DateTime Step(double share)
        {
            // The clocks follow each change at the instant it was made, as the desk does on every save.
            ticket.UpdateClocks(TermsFor(ticket, service, calendar), t);
            return t = calendar.AddBusinessMinutes(t, Math.Max(1, (int)(span * share)));
        }

        ticket.Take(agent, Step(0.02));
        var group = groups[ticket.ResolverGroupId!.Value];
        var memberId = group.Members.Count == 0 ? (int?)null : group.Members[_random.Next(group.Members.Count)].PersonId;
        var member = people.Values.FirstOrDefault(p => p.Id == memberId);
        if (member is not null && ticket.AssigneeId != member.Id) ticket.Assign(group, member, agent, Step(0.02));
        ticket.Comment(agent, $"Thanks {requester.DisplayName.Split(' ')[0]}, we're looking at this now.", false, true, Step(0.03));
        if (target == TicketStatus.Assigned) return t;

        var worker = member ?? agent;
        ticket.ChangeStatus(TicketStatus.InProgress, null, Actor.Of(worker), calendar, Step(0.05));
        if (_random.NextDouble() < 0.3)
            ticket.Comment(worker, "Checked the logs; this looks like the same fault reported last week.", true, true, Step(0.03));
        if (target == TicketStatus.InProgress) return t;

        ticket.Comment(worker, "Could you tell us when this last worked, and whether colleagues are affected?", false, true, Step(0.03));
        ticket.ChangeStatus(TicketStatus.AwaitingCustomer, null, Actor.Of(worker), calendar, t);
        if (target == TicketStatus.AwaitingCustomer) return t;

        ticket.Comment(requester, "It worked on Friday; two colleagues have the same problem.", false, false, Step(0.05));
        if (target == TicketStatus.Resolved)
        {
            // Recently resolved, so still inside the five business day window.
            var resolvedAt = now.AddMinutes(-_random.Next(10, 600));
            ticket.UpdateClocks(TermsFor(ticket, service, calendar), t);
            t = resolvedAt > t ? resolvedAt : t.AddMinutes(1);
            ticket.Resolve(Resolutions[_random.Next(Resolutions.Length)], Actor.Of(worker), calendar, t);
            return t;
        }
        ticket.Resolve(Resolutions[_random.Next(Resolutions.Length)], Actor.Of(worker), calendar, Step(0.2));
        if (_random.NextDouble() < 0.6)
            ticket.Close(Actor.Of(requester), Step(0.05));
        else if (!ticket.CloseIfReopenWindowPassed(now))
            ticket.Close(Actor.Of(agent), Step(0.05));
        return t;
    }

    private SlaTerms TermsFor(Ticket ticket, CatalogueService service, BusinessCalendar calendar)
    {
        var sla = _sla[(service.Tier, ticket.Priority)];
        _ola.TryGetValue((ticket.ResolverGroupId ?? 0, ticket.Priority), out var ola);
        return new SlaTerms(calendar, sla.Response, sla.Resolution, ola?.Response, ola?.Resolution);
    }

    private ServiceSeed PickService()
    {
        // Most calls are essential incidents; requests for priced services are rarer.
        var essential = ServiceSeeds.Where(s => s.Tier == ServiceTier.Essential).ToArray();
        var priced = ServiceSeeds.Where(s => s.Tier != ServiceTier.Essential).ToArray();
        return _random.NextDouble() < 0.82 ? essential[_random.Next(essential.Length)] : priced[_random.Next(priced.Length)];
    }

    /// <summary>
    /// Tunbridge Wells pays for extended support hours (which keeps it on the extended calendar); each
    /// council's finance team receives its quarterly recharge statement.
    /// </summary>
    private static void SeedSubscriptions(Dictionary<string, Council> councils, Dictionary<string, CatalogueService> services,
        Dictionary<string, BusinessCalendar> calendars)
    {
        var extended = services["Extended support hours"];
        extended.MovesSubscribersTo(calendars[ReferenceData.ExtendedCalendar].Id);
        councils["TWBC"].Subscribe(extended, new DateOnly(2026, 4, 1), extended.UnitCost);
        foreach (var council in councils.Values)
            council.SetFinanceContact($"finance@{council.MailDomains[0]}");
    }

    /// <summary>Fulfilled priced requests are charged to their councils, as the desk does when it resolves one.</summary>
    private async Task SeedChargesAsync(Dictionary<string, CatalogueService> services, CancellationToken ct)
    {
        var byId = services.Values.ToDictionary(s => s.Id);
        var fulfilled = await db.Tickets.Where(t => t.Type == TicketType.ServiceRequest && t.ResolvedAt != null).ToListAsync(ct);
        foreach (var ticket in fulfilled)
            if (Charge.ForFulfilled(ticket, byId[ticket.ServiceId]) is { } charge) db.Charges.Add(charge);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// A priced request waits for its council's approver (and a bespoke one for the standards check): the newest
    /// stay pending; a few are rejected; the rest are approved within the hour, and only then worked.
    /// </summary>
    private bool Approve(Ticket ticket, TicketStatus target, DateTime created, Dictionary<string, Person> people)
    {
        if (ticket.PendingApproval is null) return true;
        if (target == TicketStatus.New) return false;
        var approver = people.Values.First(p => !p.IsSharedIct && p.Has(PersonRoles.Approver) && p.BelongsTo(ticket.CouncilId));
        var manager = people["rob.fairley@sharedict.example"];
        var at = created.AddMinutes(20);
        if (_random.NextDouble() < 0.1)
        {
            ticket.DecideApproval(ticket.PendingApproval, false, "Not in this year's budget; ask again in April.", approver, byEmail: false, at);
            return false;
        }
        while (ticket.PendingApproval is { } step)
        {
            var decider = step.Stage == ApprovalStage.Council ? approver : manager;
            var conditions = step.Stage == ApprovalStage.Standards ? "Supplied from the approved hardware list and enrolled in device management." : null;
            ticket.DecideApproval(step, true, conditions, decider, byEmail: _random.NextDouble() < 0.5, at);
            at = at.AddMinutes(20);
        }
        return true;
    }

    private T Pick<T>(params T[] options) => options[_random.Next(options.Length)];

    /// <summary>Moves an instant to a weekday between 08:30 and 16:30 UTC, when calls come in.</summary>
    private DateTime BusinessMoment(DateTime utc)
    {
        while (utc.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) utc = utc.AddDays(-1);
        return utc.Date.AddMinutes(8 * 60 + 30 + _random.Next(0, 8 * 60));
    }
}
