using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceDesk.Core.Features.Email;
using ServiceDesk.Infrastructure.Persistence;

namespace ServiceDesk.Api.Tests;

/// <summary>
/// Links between tickets, merging a duplicate, and major incidents through the API, with council
/// sovereignty: nobody sees, in a link, a child list or a pointer, a ticket they may not open.
/// </summary>
[Collection(DeskCollection.Name)]
public sealed class LinksAndMajorIncidentTests(SharedDesk desk)
{
    private static IReadOnlyList<string> Refs(JsonElement ticket, string list) =>
        ticket.GetProperty("related").GetProperty(list).EnumerateArray().Select(l => l.Str("reference")).ToList();

    private static async Task<string> FieldOfAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return Assert.Single(problem.GetProperty("errors").EnumerateObject()).Name;
    }

    private async Task<List<Core.Domain.Notifications.Notification>> MailAsync(string reference)
    {
        await using var scope = desk.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceDeskDbContext>();
        var id = long.Parse(reference[3..], System.Globalization.CultureInfo.InvariantCulture);
        return await db.Notifications.AsNoTracking().Where(n => n.TicketId == id).OrderBy(n => n.Id).ToListAsync();
    }

    [Fact]
    public async Task A_link_shows_on_both_tickets_to_the_desk_and_never_names_a_ticket_the_reader_may_not_see()
    {
        var alice = await desk.SignInAsync(Accounts.MaidstoneRequester);
        var ben = await desk.SignInAsync(Accounts.MaidstoneRequester2);
        var frank = await desk.SignInAsync(Accounts.SwaleRequester);
        var david = await desk.SignInAsync(Accounts.MaidstoneApprover);
        var priya = await desk.SignInAsync(Accounts.Agent);
        var service = await alice.ServiceIdAsync("Telephony");
        var a = await alice.RaiseAsync(service, "Desk phone has no dial tone");
        var b = await ben.RaiseAsync(service, "Phones on the second floor are dead");
        var s = await frank.RaiseAsync(service, "Swale: no dial tone on any phone");

        await priya.PostJsonAsync($"/api/v1/tickets/{a}/links", new { ticket = b, kind = "RelatesTo" });
        var linked = await priya.PostJsonAsync($"/api/v1/tickets/{a}/links", new { ticket = s, kind = "DuplicateOf" });
        Assert.Equal([b, s], Refs(linked, "links"));
        var fromS = await priya.GetJsonAsync($"/api/v1/tickets/{s}");
        var back = Assert.Single(fromS.GetProperty("related").GetProperty("links").EnumerateArray());
        Assert.Equal((a, "Has duplicate"), (back.Str("reference"), back.Str("link")));

        // Alice sees neither Ben's ticket nor Swale's; Maidstone's approver sees Ben's only.
        Assert.Empty(Refs(await alice.GetJsonAsync($"/api/v1/tickets/{a}"), "links"));
        Assert.Equal([b], Refs(await david.GetJsonAsync($"/api/v1/tickets/{a}"), "links"));
        Assert.DoesNotContain(s, (await alice.GetStringAsync($"/api/v1/tickets/{a}")));

        // Bad input names the field; a requester may not link; the history of both tells it.
        Assert.Equal("ticket", await FieldOfAsync(await priya.PostAsJsonAsync($"/api/v1/tickets/{a}/links", new { ticket = a, kind = "RelatesTo" })));
        Assert.Equal("ticket", await FieldOfAsync(await priya.PostAsJsonAsync($"/api/v1/tickets/{a}/links", new { ticket = "SD-999999", kind = "RelatesTo" })));
        Assert.Equal("kind", await FieldOfAsync(await priya.PostAsJsonAsync($"/api/v1/tickets/{a}/links", new { ticket = b, kind = "Sibling" })));
        Assert.Equal(HttpStatusCode.Forbidden, (await alice.PostAsJsonAsync($"/api/v1/tickets/{a}/links", new { ticket = b, kind = "RelatesTo" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await frank.PostAsJsonAsync($"/api/v1/tickets/{a}/links", new { ticket = s, kind = "RelatesTo" })).StatusCode);

        var unlinked = await priya.PostJsonAsync($"/api/v1/tickets/{s}/unlink", new { ticket = a });
        Assert.Empty(Refs(unlinked, "links"));
        var history = (await priya.GetJsonAsync($"/api/v1/tickets/{s}/history")).EnumerateArray().Where(h => h.Str("change") == "Link").ToList();
        Assert.Equal(2, history.Count);
    }

    [Fact]
    public async Task A_duplicate_merged_into_its_original_moves_its_conversation_files_and_requester_and_closes_pointing_there()
    {
        var alice = await desk.SignInAsync(Accounts.MaidstoneRequester);
        var ben = await desk.SignInAsync(Accounts.MaidstoneRequester2);
        var frank = await desk.SignInAsync(Accounts.SwaleRequester);
        var priya = await desk.SignInAsync(Accounts.Agent);
        var service = await alice.ServiceIdAsync("Printing and scanning");
        var original = await alice.RaiseAsync(service, "Planning office printer prints blank pages");
        var duplicate = await ben.RaiseAsync(service, "Blank pages from the planning printer");
        await ben.PostJsonAsync($"/api/v1/tickets/{duplicate}/comments", new { body = "It started after the toner change." });
        var log = new ByteArrayContent("toner changed at 09:10"u8.ToArray());
        log.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/plain");
        (await ben.PostAsync($"/api/v1/tickets/{duplicate}/attachments", new MultipartFormDataContent { { log, "file", "toner-log.txt" } })).EnsureSuccessStatusCode();
        var swale = await frank.RaiseAsync(service, "Swale printer prints blank pages");

        Assert.Equal("into", await FieldOfAsync(await priya.PostAsJsonAsync($"/api/v1/tickets/{duplicate}/merge", new { into = swale })));
        Assert.Equal("into", await FieldOfAsync(await priya.PostAsJsonAsync($"/api/v1/tickets/{duplicate}/merge", new { into = "nonsense" })));
        Assert.Equal(HttpStatusCode.Forbidden, (await ben.PostAsJsonAsync($"/api/v1/tickets/{duplicate}/merge", new { into = original })).StatusCode);

        var merged = await priya.PostJsonAsync($"/api/v1/tickets/{duplicate}/merge", new { into = original });
        Assert.Equal("Closed", merged.Str("status"));
        Assert.Equal(original, merged.GetProperty("related").Str("mergedInto"));

        // Ben now follows the original and reads his own words there; he was told by email.
        var there = await ben.GetJsonAsync($"/api/v1/tickets/{original}");
        Assert.Contains(there.GetProperty("conversation").EnumerateArray(), c => c.Str("body") == "It started after the toner change.");
        // His file came with it, and stays on the duplicate too.
        var file = Assert.Single(there.GetProperty("attachments").EnumerateArray(), a => a.Str("fileName") == "toner-log.txt");
        Assert.Equal("toner changed at 09:10", await ben.GetStringAsync($"/api/v1/tickets/{original}/attachments/{file.GetProperty("id").GetInt64()}"));
        Assert.Single(merged.GetProperty("attachments").EnumerateArray());
        var told = (await MailAsync(duplicate)).Where(n => n.Kind == TicketMail.Reply && n.RecipientEmail == Accounts.MaidstoneRequester2).ToList();
        Assert.Contains(original, Assert.Single(told).Body);
        Assert.Contains((await priya.GetJsonAsync($"/api/v1/tickets/{original}/history")).EnumerateArray(), h => h.Str("change") == "Merged in");
        Assert.Contains((await priya.GetJsonAsync($"/api/v1/tickets/{duplicate}/history")).EnumerateArray(), h => h.Str("change") == "Merged into");
        Assert.Equal(HttpStatusCode.Conflict, (await priya.PostAsJsonAsync($"/api/v1/tickets/{duplicate}/merge", new { into = original })).StatusCode);
    }

    [Fact]
    public async Task A_major_incident_tells_every_councils_requester_its_updates_and_resolution_without_showing_them_each_other()
    {
        var alice = await desk.SignInAsync(Accounts.MaidstoneRequester);
        var frank = await desk.SignInAsync(Accounts.SwaleRequester);
        var kate = await desk.SignInAsync(Accounts.TunbridgeWellsRequester);
        var priya = await desk.SignInAsync(Accounts.Agent);
        var service = await alice.ServiceIdAsync("Email and calendar");
        var parent = await alice.RaiseAsync(service, "Email down for everyone", impact: "Medium", urgency: "Medium");
        var swale = await frank.RaiseAsync(service, "Cannot send email");
        var tunbridge = await kate.RaiseAsync(service, "Outlook says disconnected");

        Assert.Equal(HttpStatusCode.Forbidden, (await alice.PostAsync($"/api/v1/tickets/{parent}/major-incident", null)).StatusCode);
        var declared = await priya.PostJsonAsync($"/api/v1/tickets/{parent}/major-incident", null);
        Assert.True(declared.GetProperty("related").GetProperty("isMajorIncident").GetBoolean());
        Assert.True(declared.GetProperty("related").GetProperty("runsAroundTheClock").GetBoolean());
        await priya.PostJsonAsync($"/api/v1/tickets/{parent}/children", new { ticket = swale });
        var attached = await priya.PostJsonAsync($"/api/v1/tickets/{parent}/children", new { ticket = tunbridge });
        Assert.Equal([swale, tunbridge], Refs(attached, "children"));
        Assert.Equal("ticket", await FieldOfAsync(await priya.PostAsJsonAsync($"/api/v1/tickets/{parent}/children", new { ticket = parent })));

        await priya.PostJsonAsync($"/api/v1/tickets/{parent}/major-incident/updates", new { body = "Mail is failing for every council; a fix is being tested." });
        foreach (var (client, child, email) in new[] { (frank, swale, Accounts.SwaleRequester), (kate, tunbridge, Accounts.TunbridgeWellsRequester) })
        {
            var own = await client.GetJsonAsync($"/api/v1/tickets/{child}");
            Assert.Contains(own.GetProperty("conversation").EnumerateArray(), c => c.Str("body").Contains("a fix is being tested", StringComparison.Ordinal));
            // The parent is Maidstone's: a Swale or Tunbridge Wells requester never learns of it or of the other children.
            Assert.Equal(JsonValueKind.Null, own.GetProperty("related").GetProperty("majorIncident").ValueKind);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/tickets/{parent}")).StatusCode);
            Assert.Contains(await MailAsync(child), n => n.Kind == TicketMail.Reply && n.RecipientEmail == email && n.Body.Contains("a fix is being tested", StringComparison.Ordinal));
        }
        // Alice, the parent's requester, sees her own ticket's children only where she may: none of the others'.
        Assert.Empty(Refs(await alice.GetJsonAsync($"/api/v1/tickets/{parent}"), "children"));

        await priya.PostJsonAsync($"/api/v1/tickets/{parent}/status", new { status = "Resolved", resolution = "The mail relay certificate was renewed." });
        foreach (var (client, child) in new[] { (frank, swale), (kate, tunbridge) })
        {
            var own = await client.GetJsonAsync($"/api/v1/tickets/{child}");
            Assert.Equal(("Resolved", "The mail relay certificate was renewed."), (own.Str("status"), own.Str("resolution")));
            Assert.Contains(await MailAsync(child), n => n.Kind == TicketMail.Resolved);
        }
    }

    [Fact]
    public async Task The_calendar_of_P1_and_major_incidents_is_24x7_until_a_service_manager_chooses_another()
    {
        var rob = await desk.SignInAsync(Accounts.ServiceManager);
        var priya = await desk.SignInAsync(Accounts.Agent);
        Assert.Equal("24×7", (await priya.GetJsonAsync("/api/v1/calendars/major-incidents")).Str("name"));
        Assert.Equal(HttpStatusCode.Forbidden, (await priya.PutAsJsonAsync("/api/v1/calendars/major-incidents", new { calendarId = (int?)null })).StatusCode);
        Assert.Equal("calendarId", await FieldOfAsync(await rob.PutAsJsonAsync("/api/v1/calendars/major-incidents", new { calendarId = 9999 })));
        var calendar = (await rob.GetJsonAsync("/api/v1/calendars")).EnumerateArray().First();
        var business = await rob.PutJsonAsync("/api/v1/calendars/major-incidents", new { calendarId = calendar.GetProperty("id").GetInt32() });
        Assert.Equal(calendar.Str("name"), business.Str("name"));
        var chosen = await rob.PutJsonAsync("/api/v1/calendars/major-incidents", new { calendarId = (int?)null });
        Assert.Equal(JsonValueKind.Null, chosen.GetProperty("calendarId").ValueKind);

        // Both changes are on the audit list, by whom, from what to what.
        var entries = (await rob.GetJsonAsync("/api/v1/audit?entityType=Partnership&q=P1")).GetProperty("items").EnumerateArray().Take(2).ToList();
        Assert.Equal([$"Calendar of P1 and major incidents changed from {calendar.Str("name")} to 24×7", $"Calendar of P1 and major incidents changed from 24×7 to {calendar.Str("name")}"],
            entries.Select(e => e.Str("summary")));
        Assert.All(entries, e => Assert.Equal("Rob Fairley", e.Str("actor")));
    }
}

/// <summary>P1 and major incidents count on the 24×7 calendar, driven by the desk's fake clock (never sleeping).</summary>
public sealed class MajorIncidentClockTests
{
    private static DateTime Due(JsonElement ticket, string clock) =>
        ticket.GetProperty("sla").GetProperty(clock).GetProperty("dueAt").GetDateTime().ToUniversalTime();

    [Fact]
    public async Task A_P1_raised_on_Friday_evening_is_due_that_night_and_a_P3_declared_major_counts_through_the_weekend()
    {
        // Friday 27 November 2026, 18:00 in London (GMT): the council's business day is over.
        await using var desk = new DeskFactory();
        var alice = await desk.SignInAsync(Accounts.MaidstoneRequester);
        desk.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 27, 18, 0, 0, TimeSpan.Zero));
        var priya = await desk.SignInAsync(Accounts.Agent);
        var service = await alice.ServiceIdAsync("Email and calendar");

        var p1 = await alice.PostJsonAsync("/api/v1/tickets", new
        {
            type = "Incident", title = "Nobody can send email", description = "Every council.", serviceId = service, impact = "High", urgency = "High",
        }, HttpStatusCode.Created);
        Assert.Equal("P1", p1.Str("priority"));
        // 30 minutes and 4 hours of the clock, not of business hours: 18:30 and 22:00 the same night.
        Assert.Equal(new DateTime(2026, 11, 27, 18, 30, 0, DateTimeKind.Utc), Due(p1, "response"));
        Assert.Equal(new DateTime(2026, 11, 27, 22, 0, 0, DateTimeKind.Utc), Due(p1, "resolution"));

        // A P3 counts business time (3 business days from Monday 08:30) until it becomes a major incident.
        var p3 = await alice.RaiseAsync(service, "Shared calendar not loading");
        var before = await priya.GetJsonAsync($"/api/v1/tickets/{p3}");
        Assert.Equal(new DateTime(2026, 12, 2, 17, 0, 0, DateTimeKind.Utc), Due(before, "resolution"));
        desk.Clock.Advance(TimeSpan.FromHours(1));
        var major = await priya.PostJsonAsync($"/api/v1/tickets/{p3}/major-incident", null);
        // Recomputed from its start on 24×7: 3 days of 24 hours from Friday 18:00.
        Assert.Equal(new DateTime(2026, 11, 30, 18, 0, 0, DateTimeKind.Utc), Due(major, "resolution"));
    }
}
