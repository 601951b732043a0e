using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using MimeKit;
using MimeKit.Utils;
using ServiceDesk.Core.Features.Email;
using ServiceDesk.Core.Features.Privacy;
using ServiceDesk.Infrastructure.Email;

namespace ServiceDesk.Api.Tests;

/// <summary>
/// Data protection on the seeded demo desk: the retention run anonymises a council's closed tickets past its
/// period (and nothing else), the access export holds a person's data as JSON and CSV, and erasure leaves
/// nothing of the person anywhere in the database while everyone else's data stays.
/// </summary>
public sealed class DataProtectionTests(DutiesDesk desk) : IClassFixture<DutiesDesk>
{
    private const string Kate = "kate.lewis@tunbridgewells.example";
    private const string Liam = "liam.morgan@tunbridgewells.example";

    private static MultipartFormDataContent File(string name, byte[] bytes)
    {
        var part = new ByteArrayContent(bytes);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return new MultipartFormDataContent { { part, "file", name } };
    }

    /// <summary>Every text value in every table of the desk's database that contains the text (case-insensitive).</summary>
    private List<string> Everywhere(string text)
    {
        using var connection = new SqliteConnection($"Data Source={desk.SqliteFile};Pooling=False");
        connection.Open();
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
            using var reader = list.ExecuteReader();
            while (reader.Read()) tables.Add(reader.GetString(0));
        }
        var found = new List<string>();
        foreach (var table in tables)
        {
            using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            using var reader = select.ExecuteReader();
            while (reader.Read())
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    var value = reader.IsDBNull(i) ? null : reader.GetValue(i) switch { string s => s, byte[] b => System.Text.Encoding.UTF8.GetString(b), _ => null };
                    if (value is not null && value.Contains(text, StringComparison.OrdinalIgnoreCase)) found.Add($"{table}.{reader.GetName(i)}");
                }
        }
        return found;
    }

    [Fact]
    public async Task Access_export_then_erasure_leaves_nothing_of_the_person_and_keeps_everyone_else()
    {
        var rob = await desk.SignInAsync(Accounts.ServiceManager);
        var priya = await desk.SignInAsync(Accounts.Agent);
        var alice = await desk.SignInAsync(Accounts.MaidstoneRequester);
        var ben = await desk.SignInAsync(Accounts.MaidstoneRequester2);
        var serviceId = await alice.ServiceIdAsync("Printing and scanning");

        // Alice's ticket with a file, a reply and a rating; her name in a reply on Ben's ticket.
        var mine = await alice.RaiseAsync(serviceId, "Scanner sends blank pages");
        await alice.PostAsync($"/api/v1/tickets/{mine}/attachments", File("scan-log.txt", "Alice Turner's scan log"u8.ToArray()));
        await priya.PostJsonAsync($"/api/v1/tickets/{mine}/comments", new { body = "Hello Alice, try the other tray.", @internal = false });
        await priya.PostJsonAsync($"/api/v1/tickets/{mine}/status", new { status = "Resolved", resolution = "Tray swapped." });
        await alice.PostJsonAsync($"/api/v1/tickets/{mine}/rating", new { rating = 4, comment = "Quick, thanks." });
        var bens = await ben.RaiseAsync(serviceId, "Printer jams on A3");
        await priya.PostJsonAsync($"/api/v1/tickets/{bens}/comments", new { body = "Alice Turner (alice.turner@maidstone.example) had the same jam; same fix.", @internal = true });
        // Her phone number: recorded when she called (an audited change of her record), and given in a note on Ben's ticket.
        await priya.PostJsonAsync("/api/v1/phone-calls", new
        {
            title = "Phone: scanner still blank", description = "Called from her desk phone.", serviceId, impact = "Low", urgency = "Low",
            requesterEmail = Accounts.MaidstoneRequester, phone = "01632 960 987",
        }, HttpStatusCode.Created);
        await priya.PostJsonAsync($"/api/v1/tickets/{bens}/comments", new { body = "She is on +44 (0)1632 960987 if he needs a hand.", @internal = true });
        await priya.PostAsync($"/api/v1/tickets/{bens}/attachments", File("Alice Turner jam photo.txt", "the same jam"u8.ToArray()));
        Assert.NotEmpty(Everywhere("960 987"));
        var benBefore = (await ben.GetJsonAsync("/api/v1/tickets?requester=me&pageSize=200")).GetProperty("total").GetInt32();

        // Right of access: only a service manager; every kind of data as JSON and CSV.
        Assert.Equal(HttpStatusCode.Forbidden, (await priya.GetAsync($"/api/v1/privacy/people/{Accounts.MaidstoneRequester}/export")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await rob.GetAsync("/api/v1/privacy/people/nobody@maidstone.example/export")).StatusCode);
        var export = await rob.GetAsync($"/api/v1/privacy/people/{Accounts.MaidstoneRequester}/export");
        Assert.Equal("application/zip", export.Content.Headers.ContentType?.MediaType);
        using (var zip = new ZipArchive(await export.Content.ReadAsStreamAsync(), ZipArchiveMode.Read))
        {
            string Read(string name) { using var r = new StreamReader(zip.GetEntry(name)!.Open()); return r.ReadToEnd(); }
            foreach (var kind in new[] { "tickets", "messages", "history", "mail", "ratings", "audit" })
            {
                Assert.NotNull(zip.GetEntry($"{kind}.json"));
                Assert.NotNull(zip.GetEntry($"{kind}.csv"));
            }
            Assert.Contains(Accounts.MaidstoneRequester, Read("person.json"));
            Assert.Contains($"{mine},MBC,Requester,Incident,Scanner sends blank pages", Read("tickets.csv"));
            Assert.Contains(bens, Read("tickets.csv")); // named in a note on Ben's ticket
            Assert.Contains("Hello Alice, try the other tray.", Read("messages.csv"));
            Assert.Contains($"{mine},4,\"Quick, thanks.\"", Read("ratings.csv"));
            Assert.Contains("Scanner sends blank pages", Read("mail.csv")); // the acknowledgement sent to her
        }

        // A new phone number for her: the old and the new one are on the audit list, until she is erased.
        var her = (await rob.GetJsonAsync($"/api/v1/people?q={Accounts.MaidstoneRequester}")).GetProperty("items")[0];
        var oldPhone = her.Str("phone");
        await rob.PutJsonAsync($"/api/v1/people/{her.GetProperty("id").GetInt32()}", new
        {
            name = her.Str("name"), email = her.Str("email"), councils = her.GetProperty("councils").EnumerateArray().Select(c => c.GetString()),
            roles = her.GetProperty("roles").EnumerateArray().Select(r => r.GetString()), phone = "01632 960 888",
        });
        Assert.NotEmpty(Everywhere(oldPhone));

        // Erasure: refused to others and for oneself; then done, and on the audit list without her details.
        Assert.Equal(HttpStatusCode.Forbidden, (await priya.PostAsync($"/api/v1/privacy/people/{Accounts.MaidstoneRequester}/erase", null)).StatusCode);
        var self = await rob.PostJsonAsync($"/api/v1/privacy/people/{Accounts.ServiceManager}/erase", null, HttpStatusCode.BadRequest);
        Assert.True(self.GetProperty("errors").TryGetProperty("email", out _));
        var erased = await rob.PostJsonAsync($"/api/v1/privacy/people/{Accounts.MaidstoneRequester}/erase", null);
        Assert.True(erased.GetProperty("ticketsAnonymised").GetInt32() >= 1);
        Assert.True(erased.GetProperty("ticketsCleaned").GetInt32() >= 1);

        Assert.Empty(Everywhere("alice.turner"));
        Assert.Empty(Everywhere("Alice Turner"));
        Assert.Empty(Everywhere("Alice Turner's scan log"));
        Assert.Empty(Everywhere("960 987"));
        Assert.Empty(Everywhere("960987"));
        Assert.Empty(Everywhere(oldPhone));
        Assert.Empty(Everywhere("960 888"));
        Assert.Empty(Everywhere("01632960888"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await desk.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email = Accounts.MaidstoneRequester, password = "Demo-Desk-2026!" })).StatusCode);
        var audit = await rob.GetJsonAsync("/api/v1/audit?entityType=Personal%20data");
        var line = Assert.Single(audit.GetProperty("items").EnumerateArray(), l => l.Str("entityKey") == $"Person #{erased.GetProperty("personId").GetInt32()}");
        Assert.StartsWith("Personal data erased on request", line.Str("summary"));

        // Everyone else's data stays: Ben's tickets, his name, and the rest of the note on his ticket.
        Assert.Equal(benBefore, (await ben.GetJsonAsync("/api/v1/tickets?requester=me&pageSize=200")).GetProperty("total").GetInt32());
        Assert.NotEmpty(Everywhere("ben.carter@maidstone.example"));
        var notes = (await priya.GetJsonAsync($"/api/v1/tickets/{bens}")).GetProperty("conversation").EnumerateArray().Select(c => c.Str("body")).ToList();
        Assert.Contains("former member of staff ([email removed]) had the same jam; same fix.", notes);
        Assert.Contains("She is on [phone removed] if he needs a hand.", notes);
        // A file on his ticket stays for him, without her name.
        Assert.Equal("former member of staff jam photo.txt", Assert.Single((await priya.GetJsonAsync($"/api/v1/tickets/{bens}")).GetProperty("attachments").EnumerateArray()).Str("fileName"));
        var hers = await priya.GetJsonAsync($"/api/v1/tickets/{mine}");
        Assert.Empty(hers.GetProperty("attachments").EnumerateArray());
        Assert.Equal("Hello [name removed], try the other tray.", hers.GetProperty("conversation").EnumerateArray().First(c => c.Str("body").Contains("tray")).Str("body"));
    }

    [Fact]
    public async Task Erasure_also_reaches_approvals_mail_they_were_copied_on_problems_help_searches_and_council_settings()
    {
        const string David = Accounts.MaidstoneApprover;
        var rob = await desk.SignInAsync(Accounts.ServiceManager);
        var helen = await desk.SignInAsync(Accounts.ProblemManager);
        var david = await desk.SignInAsync(David);
        var ben = await desk.SignInAsync(Accounts.MaidstoneRequester2);

        // David receives Maidstone's report and is its finance contact, beside a board mailbox that stays.
        var mbc = (await rob.GetJsonAsync("/api/v1/councils")).EnumerateArray().Single(c => c.Str("code") == "MBC");
        await rob.PutJsonAsync("/api/v1/councils/MBC", new
        {
            name = mbc.Str("name"), mailDomains = mbc.GetProperty("mailDomains"), activeUsers = mbc.GetProperty("activeUsers").GetInt32(),
            calendarId = mbc.GetProperty("calendarId").GetInt32(), reportRecipients = new[] { David, "it-board@maidstone.example" }, financeContact = David,
        });
        // He approves Ben's priced request, naming himself in the conditions.
        var request = await ben.PostJsonAsync("/api/v1/tickets", new
        {
            type = "ServiceRequest", title = "Second monitor for reconciliations", description = "For the month-end work.",
            serviceId = await ben.ServiceIdAsync("Second monitor"), impact = "Low", urgency = "Medium", quantity = 1,
        }, HttpStatusCode.Created);
        var step = request.GetProperty("approvals").EnumerateArray().Single(a => a.Str("stage") == "Council").GetProperty("id").GetInt32();
        await david.PostJsonAsync($"/api/v1/approvals/{step}/approve", new { conditions = "Agreed by David Hughes for the month-end work." });
        // Ben emails the desk with David copied in.
        var mail = new MimeMessage { Subject = "Erasure: projector in room 4 will not start", Date = desk.Clock.GetUtcNow(), Body = new TextPart("plain") { Text = "The projector stays dark." } };
        mail.From.Add(MailboxAddress.Parse(Accounts.MaidstoneRequester2));
        mail.To.Add(MailboxAddress.Parse("desk@sharedict.example"));
        mail.Cc.Add(new MailboxAddress("David Hughes", David));
        mail.MessageId = MimeUtils.GenerateMessageId("maidstone.example");
        using (var raw = new MemoryStream())
        {
            await mail.WriteToAsync(raw);
            Assert.Equal(ServiceDesk.Core.Domain.Email.InboundStatus.Ticketed, (await desk.SendAsync(new IngestEmail(MailReader.Read(raw.ToArray())))).Status);
        }
        // A problem names him; he found an answer in a help article, saying what was wrong in his own words.
        await helen.PostJsonAsync("/api/v1/problems", new
        {
            title = "Erasure: projectors fail to wake", description = "First seen by David Hughes (david.hughes@maidstone.example) in room 4.",
            serviceIds = new[] { await helen.ServiceIdAsync("Printing and scanning") },
        }, HttpStatusCode.Created);
        var article = (await david.GetJsonAsync("/api/v1/articles/suggestions?text=my+laptop+will+not+join+the+wifi")).GetProperty("items")[0].Str("reference");
        await david.PostJsonAsync($"/api/v1/articles/{article}/deflections", new { summary = "David Hughes laptop wifi" }, HttpStatusCode.Created);
        Assert.NotEmpty(Everywhere("David Hughes"));

        await rob.PostJsonAsync($"/api/v1/privacy/people/{David}/erase", null);

        Assert.Empty(Everywhere("david.hughes"));
        Assert.Empty(Everywhere("David Hughes"));
        // Everyone else's data stays: Ben's approved request and his emailed ticket, the council's other recipient.
        var approved = await ben.GetJsonAsync($"/api/v1/tickets/{request.Str("reference")}");
        Assert.Equal("Approved", approved.GetProperty("approvals").EnumerateArray().Single(a => a.Str("stage") == "Council").Str("status"));
        Assert.Contains((await ben.GetJsonAsync("/api/v1/tickets?requester=me&pageSize=200")).GetProperty("items").EnumerateArray(),
            t => t.Str("title") == "Erasure: projector in room 4 will not start");
        mbc = (await rob.GetJsonAsync("/api/v1/councils")).EnumerateArray().Single(c => c.Str("code") == "MBC");
        Assert.Equal(["it-board@maidstone.example"], mbc.GetProperty("reportRecipients").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(JsonValueKind.Null, mbc.GetProperty("financeContact").ValueKind);
    }

    [Fact]
    public async Task Erasing_an_agent_removes_their_name_from_help_article_versions_and_every_ticket_they_worked()
    {
        var rob = await desk.SignInAsync(Accounts.ServiceManager);
        var tom = await desk.SignInAsync(Accounts.Agent2);
        var ben = await desk.SignInAsync(Accounts.MaidstoneRequester2);
        var ticket = await ben.RaiseAsync(await ben.ServiceIdAsync("Printing and scanning"), "Erasure: badge printer offline");
        await tom.PostJsonAsync($"/api/v1/tickets/{ticket}/comments", new { body = "Looking at it now. Tom", @internal = false });
        var article = await tom.PostJsonAsync("/api/v1/articles", new
        {
            title = "Restart the badge printer", body = "Hold the power button for ten seconds, then wait for the green light.", audience = "AllCouncils", publish = true,
        }, HttpStatusCode.Created);
        Assert.NotEmpty(Everywhere("Tom Okafor"));

        await rob.PostJsonAsync($"/api/v1/privacy/people/{Accounts.Agent2}/erase", null);

        Assert.Empty(Everywhere("tom.okafor"));
        Assert.Empty(Everywhere("Tom Okafor"));
        // The article and the ticket stay, with their words; only his name has gone.
        var kept = await ben.GetJsonAsync($"/api/v1/articles/{article.Str("reference")}");
        Assert.Equal("Hold the power button for ten seconds, then wait for the green light.", kept.Str("body"));
        var reply = (await ben.GetJsonAsync($"/api/v1/tickets/{ticket}")).GetProperty("conversation").EnumerateArray().Single(c => c.Str("body").StartsWith("Looking"));
        Assert.Equal("Looking at it now. [name removed]", reply.Str("body"));
    }

    [Fact]
    public async Task The_privacy_notice_and_accessibility_statement_are_open_to_everyone_and_linked_from_the_footer()
    {
        var anyone = desk.CreateClient();
        var privacy = await anyone.GetStringAsync("/privacy");
        Assert.Contains("<h1 class=\"govuk-heading-l\">Privacy notice</h1>", privacy, StringComparison.Ordinal);
        Assert.Contains("href=\"/accessibility\"", privacy, StringComparison.Ordinal);
        var accessibility = await anyone.GetStringAsync("/accessibility");
        Assert.Contains("Web Content Accessibility Guidelines version 2.2 AA", accessibility, StringComparison.Ordinal);
        Assert.Contains("href=\"/privacy\"", await anyone.GetStringAsync("/sign-in"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retention_anonymises_closed_tickets_past_the_councils_period_once_and_shows_what_it_will_do()
    {
        var rob = await desk.SignInAsync(Accounts.ServiceManager);
        var priya = await desk.SignInAsync(Accounts.Agent);
        var kate = await desk.SignInAsync(Kate);
        var liam = await desk.SignInAsync(Liam);
        var serviceId = await kate.ServiceIdAsync("Printing and scanning");

        // Kate's ticket, closed now, with a file and a reply naming her; Liam's stays open.
        var closed = await kate.RaiseAsync(serviceId, "Retention: toner light stays on");
        await kate.PostAsync($"/api/v1/tickets/{closed}/attachments", File("photo.txt", "a photo"u8.ToArray()));
        await priya.PostJsonAsync($"/api/v1/tickets/{closed}/comments", new { body = "Thanks Kate Lewis, a new cartridge is on its way to kate.lewis@tunbridgewells.example.", @internal = false });
        await priya.PostJsonAsync($"/api/v1/tickets/{closed}/status", new { status = "Resolved", resolution = "Cartridge replaced." });
        await kate.PostJsonAsync($"/api/v1/tickets/{closed}/close", null);
        var open = await liam.RaiseAsync(serviceId, "Retention: printer offline");

        var bad = await rob.PutJsonAsync("/api/v1/privacy/retention/TWBC", new { years = 0 }, HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("years", out _));
        var set = await rob.PutJsonAsync("/api/v1/privacy/retention/TWBC", new { years = 1 });
        Assert.Equal(0, set.GetProperty("tickets").GetInt32());

        // A year and a month later: the preview lists Kate's closed ticket for Tunbridge Wells only.
        desk.Clock.Advance(TimeSpan.FromDays(400));
        var preview = (await rob.GetJsonAsync("/api/v1/privacy/retention")).EnumerateArray().ToList();
        var twbc = preview.Single(p => p.Str("council") == "TWBC");
        Assert.Equal(1, twbc.GetProperty("years").GetInt32());
        // The demo's closed Tunbridge Wells tickets are due too; the preview names the first ten, oldest first.
        var due = twbc.GetProperty("tickets").GetInt32();
        Assert.True(due > 1);
        Assert.Equal(Math.Min(10, due), twbc.GetProperty("examples").GetArrayLength());
        Assert.All(preview.Where(p => p.Str("council") != "TWBC"), p => Assert.Equal((6, 0), (p.GetProperty("years").GetInt32(), p.GetProperty("tickets").GetInt32())));
        var browser = desk.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = true });
        await browser.PostJsonAsync("/api/v1/auth/login?useCookies=true", new { email = Accounts.ServiceManager, password = "Demo-Desk-2026!" });
        var page = await browser.GetStringAsync("/admin/privacy");
        Assert.Contains($"<td class=\"govuk-table__cell govuk-table__cell--numeric\">{due}</td>", page, StringComparison.Ordinal);
        Assert.Contains("30 2 * * *", page);

        Assert.Equal(due, await desk.SendAsync(new ApplyRetention()));
        Assert.Equal(0, await desk.SendAsync(new ApplyRetention())); // idempotent

        var ticket = await priya.GetJsonAsync($"/api/v1/tickets/{closed}");
        Assert.Equal("Former member of staff", ticket.GetProperty("requester").Str("name"));
        Assert.Empty(ticket.GetProperty("attachments").EnumerateArray());
        Assert.Equal("Thanks former member of staff, a new cartridge is on its way to [email removed].",
            ticket.GetProperty("conversation").EnumerateArray().Single(c => c.Str("body").StartsWith("Thanks")).Str("body"));
        var history = await priya.GetAsync($"/api/v1/tickets/{closed}/history");
        Assert.DoesNotContain("Kate Lewis", await history.Content.ReadAsStringAsync());
        // Kate herself, her open tickets and other councils are untouched; the run is on the audit list.
        Assert.Equal("Liam Morgan", (await priya.GetJsonAsync($"/api/v1/tickets/{open}")).GetProperty("requester").Str("name"));
        Assert.NotEmpty(Everywhere(Kate));
        var audit = await rob.GetJsonAsync("/api/v1/audit?entityType=Retention");
        var line = Assert.Single(audit.GetProperty("items").EnumerateArray());
        Assert.Equal("TWBC", line.Str("entityKey"));
        Assert.StartsWith($"{due} closed", line.Str("summary"));
    }
}
