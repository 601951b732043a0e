using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceDesk.Infrastructure.Persistence;

namespace ServiceDesk.Api.Tests;

/// <summary>A partnership puts the desk into service: first run, councils, people, and the demo kept to demos.</summary>
public sealed class OnboardingTests
{
    private static readonly string Password = "kettle orchard lantern 42";

    [Fact]
    public async Task An_empty_desk_seeds_nothing_and_its_one_time_setup_link_creates_the_first_service_manager()
    {
        await using var desk = new FreshDesk();
        using (var scope = desk.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ServiceDeskDbContext>();
            Assert.Equal(0, await db.People.CountAsync());
            Assert.Equal(0, await db.Councils.CountAsync());
            Assert.Equal(0, await db.Users.CountAsync());
        }
        Assert.Single(desk.Log, line => line.Contains("/setup?token=", StringComparison.Ordinal));
        var anonymous = desk.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(desk.SetupLink)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/setup?token=0123456789abcdef")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/setup")).StatusCode);

        // A wrong token is no setup at all; missing fields are named.
        await anonymous.PostJsonAsync("/api/v1/setup", new { token = "0123456789abcdef", partnershipName = "P", name = "N", email = "n@sharedict.example", password = Password }, HttpStatusCode.NotFound);
        var bad = await anonymous.PostJsonAsync("/api/v1/setup", new { token = desk.SetupToken, partnershipName = "", name = "", email = "not an address" }, HttpStatusCode.BadRequest);
        foreach (var field in new[] { "partnershipName", "name", "email", "password" })
            Assert.True(bad.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}: {bad}");
        var weak = await anonymous.PostJsonAsync("/api/v1/setup", new { token = desk.SetupToken, partnershipName = "Weald ICT Partnership", name = "First Manager", email = "first.manager@sharedict.example", password = "short" }, HttpStatusCode.BadRequest);
        Assert.True(weak.GetProperty("errors").TryGetProperty("password", out _), weak.ToString());

        var token = desk.SetupToken;
        var manager = await desk.SetUpAsync();
        var me = await manager.GetJsonAsync("/api/v1/me");
        Assert.Contains("ServiceManager", me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.True(me.GetProperty("sharedIct").GetBoolean());

        // The token is dead: the page and the API answer as if they never existed.
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/setup?token={token}")).StatusCode);
        await anonymous.PostJsonAsync("/api/v1/setup", new { token, partnershipName = "Again", name = "Second", email = "second@sharedict.example", password = Password }, HttpStatusCode.NotFound);
        // No demo banner on a real partnership.
        var page = await (await manager.GetAsync("/sign-in")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("Demo partnership", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_accounts_cannot_sign_in_when_a_demo_database_is_started_without_the_demo()
    {
        string file;
        await using (var demo = new DeskFactory())
        {
            await demo.SignInAsync(Accounts.Agent);
            var page = await (await demo.CreateClient().GetAsync("/sign-in")).Content.ReadAsStringAsync();
            Assert.Contains("Demo partnership — not for real data", page, StringComparison.Ordinal);
            file = demo.KeepDatabaseOnDispose();
        }
        await using var production = new FreshDesk(file);
        var response = await production.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email = Accounts.ServiceManager, password = "Demo-Desk-2026!" });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain(production.Log, line => line.Contains("/setup?token=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_service_manager_adds_a_council_and_refuses_clashing_codes_domains_and_outside_recipients()
    {
        await using var desk = new FreshDesk();
        var manager = await desk.SetUpAsync();
        var calendarId = (await manager.GetJsonAsync("/api/v1/calendars")).EnumerateArray().First().GetProperty("id").GetInt32();
        var council = new
        {
            code = "tdc", name = "Tandridge District Council", mailDomains = new[] { "tandridge.example" }, activeUsers = 380, calendarId,
            reportRecipients = new[] { "performance@tandridge.example", "reports@sharedict.example" }, financeContact = "finance@tandridge.example",
        };
        var created = await manager.PostJsonAsync("/api/v1/councils", council, HttpStatusCode.Created);
        Assert.Equal("TDC", created.Str("code"));
        Assert.Equal(JsonValueKind.Null, created.GetProperty("withdrawnAt").ValueKind);

        var again = await manager.PostJsonAsync("/api/v1/councils", council with { }, HttpStatusCode.BadRequest);
        Assert.Contains("already in use", again.GetProperty("errors").GetProperty("code")[0].GetString());
        var clash = await manager.PostJsonAsync("/api/v1/councils", new { code = "MVDC", name = "Mole Valley", mailDomains = new[] { "tandridge.example" }, activeUsers = 1, calendarId }, HttpStatusCode.BadRequest);
        Assert.Contains("Tandridge", clash.GetProperty("errors").GetProperty("mailDomains")[0].GetString());
        var outsider = await manager.PostJsonAsync("/api/v1/councils", new { code = "MVDC", name = "Mole Valley", mailDomains = new[] { "molevalley.example" }, activeUsers = 1, calendarId, reportRecipients = new[] { "attacker@evil.example" } }, HttpStatusCode.BadRequest);
        Assert.True(outsider.GetProperty("errors").TryGetProperty("reportRecipients", out _), outsider.ToString());
        var badCode = await manager.PostJsonAsync("/api/v1/councils", new { code = "M V", name = "Mole Valley", mailDomains = new[] { "molevalley.example" }, activeUsers = 1, calendarId }, HttpStatusCode.BadRequest);
        Assert.True(badCode.GetProperty("errors").TryGetProperty("code", out _), badCode.ToString());
        Assert.Single((await manager.GetJsonAsync("/api/v1/councils")).EnumerateArray());
    }

    [Fact]
    public async Task A_service_manager_adds_people_with_roles_and_the_rules_name_each_bad_field()
    {
        await using var desk = new FreshDesk();
        var manager = await desk.SetUpAsync();
        await AddCouncilAsync(manager, "TDC", "tandridge.example");
        await AddCouncilAsync(manager, "MVDC", "molevalley.example");

        var agent = await manager.PostJsonAsync("/api/v1/people", new { name = "Asha Patel", email = "Asha.Patel@sharedict.example", councils = Array.Empty<string>(), roles = new[] { "Agent" } }, HttpStatusCode.Created);
        Assert.Equal("asha.patel@sharedict.example", agent.Str("email"));
        Assert.True(agent.GetProperty("sharedIct").GetBoolean());
        Assert.Contains("Agent", agent.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));

        var sharedPost = await manager.PostJsonAsync("/api/v1/people", new
        {
            name = "Head of Planning", email = "planning.head@tandridge.example", councils = new[] { "TDC", "MVDC" }, roles = new[] { "Requester", "Approver" }, approverFor = new[] { "MVDC" },
        }, HttpStatusCode.Created);
        Assert.Equal(["TDC", "MVDC"], sharedPost.GetProperty("councils").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(["MVDC"], sharedPost.GetProperty("approverFor").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("TDC", sharedPost.Str("mainCouncil"));

        var duplicate = await manager.PostJsonAsync("/api/v1/people", new { name = "Asha Again", email = "asha.patel@sharedict.example", roles = new[] { "Agent" } }, HttpStatusCode.BadRequest);
        Assert.Contains("already has an account", duplicate.GetProperty("errors").GetProperty("email")[0].GetString());
        var wrongDomain = await manager.PostJsonAsync("/api/v1/people", new { name = "Stray", email = "stray@molevalley.example", councils = new[] { "TDC" }, roles = new[] { "Requester" } }, HttpStatusCode.BadRequest);
        Assert.Contains("not a mail domain of TDC Council", wrongDomain.GetProperty("errors").GetProperty("email")[0].GetString());
        var councilAgent = await manager.PostJsonAsync("/api/v1/people", new { name = "Council Agent", email = "c.agent@tandridge.example", councils = new[] { "TDC" }, roles = new[] { "Agent" } }, HttpStatusCode.BadRequest);
        Assert.True(councilAgent.GetProperty("errors").TryGetProperty("roles", out _), councilAgent.ToString());
        var nonsense = await manager.PostJsonAsync("/api/v1/people", new { name = "", email = "x@tandridge.example", councils = new[] { "NOPE" }, roles = new[] { "Wizard" }, approverFor = new[] { "MVDC" } }, HttpStatusCode.BadRequest);
        foreach (var field in new[] { "name", "councils", "roles", "approverFor" })
            Assert.True(nonsense.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}: {nonsense}");

        var found = await manager.GetJsonAsync("/api/v1/people?q=planning&council=MVDC&role=Approver");
        Assert.Equal(1, found.GetProperty("total").GetInt32());
        var shared = await manager.GetJsonAsync("/api/v1/people?council=SHARED&pageSize=1");
        Assert.Equal(2, shared.GetProperty("total").GetInt32());
        Assert.Single(shared.GetProperty("items").EnumerateArray());
        await manager.GetJsonAsync("/api/v1/people?role=Wizard", HttpStatusCode.BadRequest);

        // Changing a person: the first service manager cannot take away the partnership's last one.
        var me = (await manager.GetJsonAsync("/api/v1/people?role=ServiceManager")).GetProperty("items")[0];
        var lastManager = await manager.PutJsonAsync($"/api/v1/people/{me.GetProperty("id").GetInt32()}", new { name = "First Manager", email = me.Str("email"), roles = new[] { "Agent" } }, HttpStatusCode.BadRequest);
        Assert.Contains("at least one active service manager", lastManager.GetProperty("errors").GetProperty("roles")[0].GetString());
        var moved = await manager.PutJsonAsync($"/api/v1/people/{sharedPost.GetProperty("id").GetInt32()}", new { name = "Head of Planning", email = "planning.head@tandridge.example", councils = new[] { "TDC" }, roles = new[] { "Requester" } });
        Assert.Equal(["TDC"], moved.GetProperty("councils").EnumerateArray().Select(c => c.GetString()));
        Assert.Empty(moved.GetProperty("approverFor").EnumerateArray());

        // The phone number the desk finds callers by: checked, kept when left out, removed when empty, on the audit list.
        var head = $"/api/v1/people/{sharedPost.GetProperty("id").GetInt32()}";
        object Head(string? phone) => new { name = "Head of Planning", email = "planning.head@tandridge.example", councils = new[] { "TDC" }, roles = new[] { "Requester" }, phone };
        var badPhone = await manager.PutJsonAsync(head, Head("ring reception"), HttpStatusCode.BadRequest);
        Assert.True(badPhone.GetProperty("errors").TryGetProperty("phone", out _), badPhone.ToString());
        Assert.Equal("01632 960 123", (await manager.PutJsonAsync(head, Head("01632 960 123"))).Str("phone"));
        Assert.Equal("01632 960 123", (await manager.PutJsonAsync(head, Head(null))).Str("phone"));
        var audited = (await manager.GetJsonAsync("/api/v1/audit?entityType=Person&q=planning.head")).GetProperty("items").EnumerateArray()
            .SelectMany(e => e.GetProperty("changes").EnumerateArray()).Single(c => c.Str("field") == "Phone");
        Assert.Equal("01632 960 123", audited.GetProperty("after").GetString());
        Assert.Equal(JsonValueKind.Null, (await manager.PutJsonAsync(head, Head(""))).GetProperty("phone").ValueKind);
    }

    [Fact]
    public async Task A_deactivated_person_is_signed_out_at_once_and_cannot_sign_in_again_until_reactivated()
    {
        await using var desk = new DeskFactory();
        var rob = await desk.SignInAsync(Accounts.ServiceManager);
        var alice = await desk.SignInAsync(Accounts.MaidstoneRequester);
        await alice.GetJsonAsync("/api/v1/me");
        var id = (await rob.GetJsonAsync($"/api/v1/people?q={Accounts.MaidstoneRequester}")).GetProperty("items")[0].GetProperty("id").GetInt32();

        var deactivated = await rob.PostJsonAsync($"/api/v1/people/{id}/deactivate", null);
        Assert.False(deactivated.GetProperty("active").GetBoolean());
        Assert.Equal(HttpStatusCode.Unauthorized, (await alice.GetAsync("/api/v1/me")).StatusCode);
        var login = await desk.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email = Accounts.MaidstoneRequester, password = "Demo-Desk-2026!" });
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        var twice = await rob.PostJsonAsync($"/api/v1/people/{id}/deactivate", null, HttpStatusCode.BadRequest);
        Assert.True(twice.GetProperty("errors").TryGetProperty("active", out _));

        // An agent cannot log a call for a leaver either.
        var priya = await desk.SignInAsync(Accounts.Agent);
        await priya.PostJsonAsync("/api/v1/tickets", new
        {
            type = "Incident", title = "Leaver's laptop", description = "Phoned in.", serviceId = await priya.ServiceIdAsync("General enquiry"),
            impact = "Low", urgency = "Low", requesterEmail = Accounts.MaidstoneRequester, channel = "Phone",
        }, HttpStatusCode.BadRequest);

        await rob.PostJsonAsync($"/api/v1/people/{id}/reactivate", null);
        await desk.SignInAsync(Accounts.MaidstoneRequester);
        // Only service managers manage people.
        await priya.PostJsonAsync($"/api/v1/people/{id}/deactivate", null, HttpStatusCode.Forbidden);
        await priya.GetJsonAsync("/api/v1/people", HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_withdrawn_councils_people_cannot_sign_in_or_raise_tickets_while_its_records_and_reports_stay()
    {
        await using var desk = new DeskFactory();
        var rob = await desk.SignInAsync(Accounts.ServiceManager);
        var swale = await desk.SignInAsync(Accounts.SwaleRequester);
        var sam = await desk.SignInAsync(Accounts.SharedPost);

        var withdrawn = await rob.PostJsonAsync("/api/v1/councils/SBC/withdraw", null);
        Assert.NotEqual(JsonValueKind.Null, withdrawn.GetProperty("withdrawnAt").ValueKind);
        var twice = await rob.PostJsonAsync("/api/v1/councils/SBC/withdraw", null, HttpStatusCode.BadRequest);
        Assert.Contains("already withdrawn", twice.GetProperty("errors").GetProperty("code")[0].GetString());

        // Swale's own people are out; Sam, who also works for Tunbridge Wells, stays but raises only for it.
        var login = await desk.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email = Accounts.SwaleRequester, password = "Demo-Desk-2026!" });
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        var serviceId = await sam.ServiceIdAsync("General enquiry");
        var forSwale = await sam.PostJsonAsync("/api/v1/tickets", new { type = "Incident", title = "Old council", description = "x", serviceId, impact = "Low", urgency = "Low", councilCode = "SBC" }, HttpStatusCode.BadRequest);
        Assert.True(forSwale.GetProperty("errors").TryGetProperty("councilCode", out _));
        var raised = await sam.PostJsonAsync("/api/v1/tickets", new { type = "Incident", title = "Still here", description = "x", serviceId, impact = "Low", urgency = "Low" }, HttpStatusCode.Created);
        Assert.Equal("TWBC", raised.GetProperty("council").Str("code"));
        // An agent cannot enrol a new person from Swale's domain.
        var priya = await desk.SignInAsync(Accounts.Agent);
        await priya.PostJsonAsync("/api/v1/tickets", new { type = "Incident", title = "New starter", description = "x", serviceId, impact = "Low", urgency = "Low", requesterEmail = "new.starter@swale.example", channel = "Phone" }, HttpStatusCode.BadRequest);

        // Shared ICT still reads Swale's open tickets, and its reports.
        var open = await priya.GetJsonAsync("/api/v1/tickets?council=SBC&status=New,Assigned,InProgress,AwaitingCustomer");
        Assert.True(open.GetProperty("total").GetInt32() > 0);
        await rob.GetJsonAsync("/api/v1/reports/sla?council=SBC&month=2026-10");
        Assert.Contains((await rob.GetJsonAsync("/api/v1/councils")).EnumerateArray(), c => c.Str("code") == "SBC");
        // The sign-in Swale's requester held ends with the withdrawal.
        Assert.Equal(HttpStatusCode.Unauthorized, (await swale.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task A_staff_csv_is_previewed_row_by_row_in_words_then_its_good_rows_are_imported()
    {
        await using var desk = new FreshDesk();
        var manager = await desk.SetUpAsync();
        await AddCouncilAsync(manager, "TDC", "tandridge.example");
        await manager.PostJsonAsync("/api/v1/people", new { name = "Already Here", email = "already.here@tandridge.example", councils = new[] { "TDC" }, roles = new[] { "Requester" } }, HttpStatusCode.Created);
        const string csv = "Name,Email,Roles,Phone\n" +
            "Ada Lovelace,ada.lovelace@tandridge.example,requester,01632 960 901\n" +
            "\"Hopper, Grace\",GRACE.HOPPER@tandridge.example,requester; approver\n" +
            "No Address,not-an-address,requester,extension 12\n" +
            "Wrong Place,wrong.place@elsewhere.example,\n" +
            "Ada Twice,ada.lovelace@tandridge.example,requester\n" +
            "Already Here,already.here@tandridge.example,requester\n" +
            "Wizard,merlin@tandridge.example,wizard\n";

        var preview = await ImportAsync(manager, "TDC", csv, preview: true, HttpStatusCode.OK);
        Assert.Equal(2, preview.GetProperty("ready").GetInt32());
        Assert.Equal(5, preview.GetProperty("refused").GetInt32());
        Assert.Equal(0, preview.GetProperty("added").GetInt32());
        var rows = preview.GetProperty("rows").EnumerateArray().ToList();
        string Errors(int line) => string.Join(" ", rows.Single(r => r.GetProperty("line").GetInt32() == line).GetProperty("errors").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("not an email address", Errors(4));
        Assert.Contains("Enter a phone number", Errors(4));
        Assert.Contains("not a mail domain of TDC Council", Errors(5));
        Assert.Contains("already has an account", Errors(6));
        Assert.Contains("already has an account", Errors(7));
        Assert.Contains("'wizard' is not a role", Errors(8));
        Assert.Equal(1, (await manager.GetJsonAsync("/api/v1/people?council=TDC")).GetProperty("total").GetInt32());

        var imported = await ImportAsync(manager, "TDC", csv, preview: false, HttpStatusCode.OK);
        Assert.Equal(2, imported.GetProperty("added").GetInt32());
        var people = await manager.GetJsonAsync("/api/v1/people?council=TDC");
        Assert.Equal(3, people.GetProperty("total").GetInt32());
        var grace = people.GetProperty("items").EnumerateArray().Single(p => p.Str("email") == "grace.hopper@tandridge.example");
        Assert.Equal("Hopper, Grace", grace.Str("name"));
        Assert.Equal(["TDC"], grace.GetProperty("approverFor").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("01632 960 901", people.GetProperty("items").EnumerateArray().Single(p => p.Str("email") == "ada.lovelace@tandridge.example").Str("phone"));

        var headerless = await ImportAsync(manager, "TDC", "Ada,ada@tandridge.example\n", preview: true, HttpStatusCode.BadRequest);
        Assert.True(headerless.GetProperty("errors").TryGetProperty("file", out _), headerless.ToString());
        var noCouncil = await ImportAsync(manager, "NOPE", csv, preview: true, HttpStatusCode.BadRequest);
        Assert.True(noCouncil.GetProperty("errors").TryGetProperty("council", out _), noCouncil.ToString());
    }

    private static async Task<JsonElement> ImportAsync(HttpClient client, string council, string csv, bool preview, HttpStatusCode expected)
    {
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(csv, System.Text.Encoding.UTF8, "text/csv"), "file", "staff.csv");
        return await (await client.PostAsync($"/api/v1/people/import?council={council}&preview={(preview ? "true" : "false")}", form)).JsonAsync(expected);
    }

    private static async Task AddCouncilAsync(HttpClient manager, string code, string domain)
    {
        var calendarId = (await manager.GetJsonAsync("/api/v1/calendars")).EnumerateArray().First().GetProperty("id").GetInt32();
        await manager.PostJsonAsync("/api/v1/councils", new { code, name = $"{code} Council", mailDomains = new[] { domain }, activeUsers = 100, calendarId }, HttpStatusCode.Created);
    }
}
