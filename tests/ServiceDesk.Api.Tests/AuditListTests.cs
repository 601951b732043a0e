using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceDesk.Infrastructure.Persistence;

namespace ServiceDesk.Api.Tests;

/// <summary>
/// Every administrative change goes on the append-only audit list (who, when, what, before and
/// after), which service managers read and filter.
/// </summary>
public sealed class AuditListTests(SharedDesk desk) : IClassFixture<SharedDesk>
{
    [Fact]
    public async Task Changing_a_councils_report_recipients_records_who_when_and_the_recipients_before_and_after()
    {
        var rob = await desk.SignInAsync(Accounts.ServiceManager);
        var swale = (await rob.GetJsonAsync("/api/v1/councils")).EnumerateArray().Single(c => c.Str("code") == "SBC");
        var before = swale.GetProperty("reportRecipients").EnumerateArray().Select(r => r.GetString()).ToList();
        await (await rob.PutAsJsonAsync("/api/v1/councils/SBC", new
        {
            name = swale.Str("name"), mailDomains = swale.GetProperty("mailDomains").EnumerateArray().Select(d => d.GetString()),
            activeUsers = swale.GetProperty("activeUsers").GetInt32(), calendarId = swale.GetProperty("calendarId").GetInt32(),
            reportRecipients = new[] { "performance@swale.example" },
        })).JsonAsync(HttpStatusCode.OK);

        var entry = Single(await rob.GetJsonAsync("/api/v1/audit?entityType=Council&q=SBC"));
        Assert.Equal("Rob Fairley", entry.Str("actor"));
        Assert.Equal(desk.Clock.GetUtcNow().UtcDateTime, entry.GetProperty("at").GetDateTime().ToUniversalTime());
        Assert.Equal("Changed", entry.Str("action"));
        Assert.Equal("SBC", entry.Str("entityKey"));
        Assert.Contains("report recipients", entry.Str("summary"));
        var (old, now) = Field(entry, "Report recipients");
        Assert.Equal(string.Join(", ", before.Order(StringComparer.Ordinal)), string.Join(", ", old!.Split(", ").Order(StringComparer.Ordinal)));
        Assert.Equal("performance@swale.example", now);
        // Only what changed is recorded.
        Assert.Single(entry.GetProperty("changes").EnumerateArray());
    }

    [Fact]
    public async Task A_price_change_on_a_catalogue_service_is_recorded_with_the_old_and_new_unit_cost()
    {
        var rob = await desk.SignInAsync(Accounts.ServiceManager);
        var monitor = (await rob.GetJsonAsync("/api/v1/catalogue")).EnumerateArray().Single(s => s.Str("name") == "Second monitor");
        await (await rob.PutAsJsonAsync($"/api/v1/catalogue/{monitor.GetProperty("id").GetInt32()}", new
        {
            name = "Second monitor", description = monitor.Str("description"), tier = "Enhanced", unitCost = 155.25m,
            defaultResolverGroupId = monitor.GetProperty("defaultResolverGroupId").GetInt32(), active = true,
        })).JsonAsync(HttpStatusCode.OK);

        var entry = Single(await rob.GetJsonAsync("/api/v1/audit?entityType=Catalogue service&q=Second monitor"));
        Assert.Equal("Second monitor", entry.Str("entityKey"));
        Assert.Equal(("140.00", "155.25"), Field(entry, "Unit cost"));
        Assert.Single(entry.GetProperty("changes").EnumerateArray());
    }

    [Fact]
    public async Task An_SLA_target_change_is_recorded_against_its_tier_and_priority()
    {
        var rob = await desk.SignInAsync(Accounts.ServiceManager);
        await rob.PutJsonAsync("/api/v1/sla-policies/Bespoke/P2", new
        {
            response = new { amount = 90, unit = "Minutes" }, resolution = new { amount = 8, unit = "Hours" },
        });

        var entry = Single(await rob.GetJsonAsync("/api/v1/audit?entityType=SLA target&q=Bespoke P2"));
        Assert.Equal("Bespoke P2", entry.Str("entityKey"));
        Assert.Equal(("1", "90"), Field(entry, "Response amount"));
        Assert.Equal(("Hours", "Minutes"), Field(entry, "Response unit"));
        // The resolution target did not change, so it is not on the entry.
        Assert.Equal(2, entry.GetProperty("changes").GetArrayLength());
    }

    [Fact]
    public async Task A_group_membership_change_is_recorded_on_the_group_with_its_members_and_lead()
    {
        var rob = await desk.SignInAsync(Accounts.ServiceManager);
        var group = await rob.PostJsonAsync("/api/v1/resolver-groups", new { name = "Maidstone audit trial", councilCode = "MBC" }, HttpStatusCode.Created);
        var id = group.GetProperty("id").GetInt32();
        var added = Single(await rob.GetJsonAsync("/api/v1/audit?entityType=Resolver group&q=Maidstone audit trial"));
        Assert.Equal("Added", added.Str("action"));
        Assert.Equal((null, "MBC"), Field(added, "Council"));

        await rob.PostJsonAsync($"/api/v1/resolver-groups/{id}/members", new { email = Accounts.MaidstoneOnSite });
        await rob.PostJsonAsync($"/api/v1/resolver-groups/{id}/members", new { email = Accounts.MaidstoneRequester2, lead = true });
        var latest = await rob.GetJsonAsync("/api/v1/audit?entityType=Resolver group&q=Maidstone audit trial");
        Assert.Equal(3, latest.GetProperty("total").GetInt32());
        var lead = latest.GetProperty("items")[0];
        Assert.Equal("Changed", lead.Str("action"));
        Assert.Equal((Accounts.MaidstoneOnSite, $"{Accounts.MaidstoneRequester2}, {Accounts.MaidstoneOnSite}"), Field(lead, "Members"));
        Assert.Equal((null, Accounts.MaidstoneRequester2), Field(lead, "Lead"));

        await rob.DeleteJsonAsync($"/api/v1/resolver-groups/{id}/members/{Accounts.MaidstoneRequester2}");
        var removed = (await rob.GetJsonAsync("/api/v1/audit?entityType=Resolver group&q=Maidstone audit trial")).GetProperty("items")[0];
        Assert.Equal(($"{Accounts.MaidstoneRequester2}, {Accounts.MaidstoneOnSite}", Accounts.MaidstoneOnSite), Field(removed, "Members"));
        Assert.Equal((Accounts.MaidstoneRequester2, null), Field(removed, "Lead"));

        // Ben became a resolver group member: his roles changed too.
        var ben = Single(await rob.GetJsonAsync($"/api/v1/audit?entityType=Person&q={Accounts.MaidstoneRequester2}"));
        Assert.Equal(("Requester", "Requester, ResolverGroupMember"), Field(ben, "Roles"));
    }

    [Fact]
    public async Task A_closure_day_added_and_removed_is_recorded_both_times()
    {
        var rob = await desk.SignInAsync(Accounts.ServiceManager);
        var calendar = (await rob.GetJsonAsync("/api/v1/calendars")).EnumerateArray().First();
        var id = calendar.GetProperty("id").GetInt32();
        var name = calendar.Str("name");
        await rob.PostJsonAsync($"/api/v1/calendars/{id}/closures", new { date = "2027-01-04", name = "Audit training day" }, HttpStatusCode.Created);
        await rob.DeleteJsonAsync($"/api/v1/calendars/{id}/closures/2027-01-04");

        var list = await rob.GetJsonAsync("/api/v1/audit?entityType=Closure day&q=2027-01-04");
        Assert.Equal(2, list.GetProperty("total").GetInt32());
        var removed = list.GetProperty("items")[0];
        var added = list.GetProperty("items")[1];
        Assert.Equal(("Removed", "Added"), (removed.Str("action"), added.Str("action")));
        Assert.Equal($"{name} 2027-01-04", added.Str("entityKey"));
        Assert.Equal((null, "Audit training day"), Field(added, "Name"));
        Assert.Equal((null, name), Field(added, "Calendar"));
        Assert.Equal(("Audit training day", null), Field(removed, "Name"));
        Assert.Equal(("2027-01-04", null), Field(removed, "Date"));
    }

    [Fact]
    public async Task A_person_enrolled_by_an_agent_raising_a_ticket_for_them_is_recorded_with_their_council()
    {
        var priya = await desk.SignInAsync(Accounts.Agent);
        await priya.PostJsonAsync("/api/v1/tickets", new
        {
            type = "Incident", title = "Kiosk frozen", description = "Phoned in.", serviceId = await priya.ServiceIdAsync("General enquiry"),
            impact = "Low", urgency = "Low", requesterEmail = "reception.audit@swale.example", channel = "Phone",
        }, HttpStatusCode.Created);

        var rob = await desk.SignInAsync(Accounts.ServiceManager);
        var enrolled = Single(await rob.GetJsonAsync("/api/v1/audit?entityType=Person&q=reception.audit@swale.example"));
        Assert.Equal("Added", enrolled.Str("action"));
        Assert.Equal("Priya Shah", enrolled.Str("actor"));
        Assert.Equal((null, "SBC"), Field(enrolled, "Councils"));
        Assert.Equal((null, "SBC"), Field(enrolled, "Main council"));
        Assert.Equal((null, "Requester"), Field(enrolled, "Roles"));
    }

    [Fact]
    public async Task The_demo_partnership_is_one_entry_by_the_desk_not_one_per_thing_it_seeded()
    {
        var rob = await desk.SignInAsync(Accounts.ServiceManager);
        var seeded = Single(await rob.GetJsonAsync("/api/v1/audit?entityType=Partnership"));
        Assert.Equal("The desk", seeded.Str("actor"));
        Assert.Equal(JsonValueKind.Null, seeded.GetProperty("actorId").ValueKind);
        Assert.Contains("3 councils", seeded.Str("summary"));
        Assert.Equal(0, (await rob.GetJsonAsync("/api/v1/audit?entityType=Closure day&q=Christmas")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Filters_narrow_the_list_and_bad_filter_values_are_refused_naming_the_field()
    {
        var rob = await desk.SignInAsync(Accounts.ServiceManager);
        var calendar = (await rob.GetJsonAsync("/api/v1/calendars")).EnumerateArray().Last().GetProperty("id").GetInt32();
        desk.Clock.Advance(TimeSpan.FromDays(3));
        var day = DateOnly.FromDateTime(desk.Clock.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd");
        await rob.PostJsonAsync($"/api/v1/calendars/{calendar}/closures", new { date = "2027-02-01", name = "Filter test closure" }, HttpStatusCode.Created);
        await rob.PostJsonAsync($"/api/v1/calendars/{calendar}/closures", new { date = "2027-02-02", name = "Second closure" }, HttpStatusCode.Created);

        var today = await rob.GetJsonAsync($"/api/v1/audit?from={day}&to={day}&actor={Accounts.ServiceManager}");
        Assert.Contains(today.GetProperty("items").EnumerateArray(), e => e.Str("entityKey").EndsWith("2027-02-01", StringComparison.Ordinal));
        Assert.All(today.GetProperty("items").EnumerateArray(), e =>
            Assert.Equal(day, DateOnly.FromDateTime(e.GetProperty("at").GetDateTime().ToUniversalTime()).ToString("yyyy-MM-dd")));
        var earlier = await rob.GetJsonAsync($"/api/v1/audit?to={DateOnly.Parse(day).AddDays(-1):yyyy-MM-dd}&q=Filter test closure");
        Assert.Equal(0, earlier.GetProperty("total").GetInt32());
        // Someone who changed nothing administrative (the agent enrols requesters in another test).
        Assert.Equal(0, (await rob.GetJsonAsync($"/api/v1/audit?actor={Accounts.Infrastructure}")).GetProperty("total").GetInt32());
        var byWords = await rob.GetJsonAsync("/api/v1/audit?q=filter TEST closure&entityType=closure day");
        Assert.Equal(1, byWords.GetProperty("total").GetInt32());
        Assert.Equal(0, (await rob.GetJsonAsync("/api/v1/audit?q=filter test closure&entityType=Council")).GetProperty("total").GetInt32());

        // Newest first, a page at a time.
        var first = await rob.GetJsonAsync("/api/v1/audit?pageSize=2");
        Assert.Equal(2, first.GetProperty("items").GetArrayLength());
        Assert.EndsWith("2027-02-02", first.GetProperty("items")[0].Str("entityKey"));
        Assert.EndsWith("2027-02-01", first.GetProperty("items")[1].Str("entityKey"));
        var second = await rob.GetJsonAsync("/api/v1/audit?pageSize=2&page=2");
        Assert.True(second.GetProperty("items")[0].GetProperty("id").GetInt64() < first.GetProperty("items")[1].GetProperty("id").GetInt64());
        Assert.Equal(first.GetProperty("total").GetInt32(), second.GetProperty("total").GetInt32());

        foreach (var (query, field) in new[]
        {
            ("entityType=Spaceship", "entityType"), ("actor=not-an-address", "actor"), ("from=yesterday", "from"),
            ("from=2026-12-02&to=2026-12-01", "to"), ("page=0", "page"), ("pageSize=1000", "pageSize"),
        })
        {
            var refused = await rob.GetJsonAsync($"/api/v1/audit?{query}", HttpStatusCode.BadRequest);
            Assert.True(refused.GetProperty("errors").TryGetProperty(field, out _), $"{query}: {refused}");
        }
    }

    [Fact]
    public async Task Only_service_managers_read_the_list_agents_are_refused_and_council_staff_do_not_see_it_exists()
    {
        var priya = await desk.SignInAsync(Accounts.Agent);
        var alice = await desk.SignInAsync(Accounts.MaidstoneRequester);
        var david = await desk.SignInAsync(Accounts.MaidstoneApprover);
        var refused = await priya.GetJsonAsync("/api/v1/audit", HttpStatusCode.Forbidden);
        Assert.Contains("service managers", refused.Str("detail"));
        await alice.GetJsonAsync("/api/v1/audit", HttpStatusCode.NotFound);
        await david.GetJsonAsync("/api/v1/audit", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_audit_entry_cannot_be_changed_or_removed_even_through_the_database_context()
    {
        await using (var scope = desk.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ServiceDeskDbContext>();
            var entry = await db.AuditEntries.OrderBy(e => e.Id).FirstAsync();
            db.Entry(entry).Property(e => e.Summary).CurrentValue = "Nothing happened here.";
            var changed = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
            Assert.Contains("append-only", changed.Message);
        }
        await using (var scope = desk.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ServiceDeskDbContext>();
            db.AuditEntries.Remove(await db.AuditEntries.OrderBy(e => e.Id).FirstAsync());
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        }
        await using (var scope = desk.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ServiceDeskDbContext>();
            Assert.NotEqual("Nothing happened here.", (await db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).FirstAsync()).Summary);
        }
    }

    [Fact]
    public async Task A_change_whose_save_failed_and_was_retried_is_recorded_once()
    {
        await using (var scope = desk.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ServiceDeskDbContext>();
            var twbc = await db.Councils.SingleAsync(c => c.Code == "TWBC");
            twbc.SetFinanceContact("finance.retry@tunbridgewells.example");
            // A second council with a code already taken makes the save fail.
            var clash = new Core.Domain.Council("TWBC", "Duplicate", ["duplicate.example"], 1, twbc.CalendarId);
            db.Councils.Add(clash);
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
            db.Entry(clash).State = EntityState.Detached;
            await db.SaveChangesAsync();
        }
        var rob = await desk.SignInAsync(Accounts.ServiceManager);
        var entry = Single(await rob.GetJsonAsync("/api/v1/audit?q=finance.retry@tunbridgewells.example"));
        Assert.Equal("The desk", entry.Str("actor"));
        Assert.Equal("finance.retry@tunbridgewells.example", Field(entry, "Finance contact").After);
    }

    [Fact]
    public async Task A_member_added_without_loading_the_group_is_recorded_against_the_groups_whole_membership()
    {
        await using (var scope = desk.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ServiceDeskDbContext>();
            var group = await db.ResolverGroups.AsNoTracking().SingleAsync(g => g.Name == "Networks & Telephony");
            var lucy = await db.People.AsNoTracking().SingleAsync(p => p.Email == "lucy.brennan@sharedict.example");
            var member = new Core.Domain.ResolverGroupMember(lucy.Id);
            db.Entry(member).Property(m => m.ResolverGroupId).CurrentValue = group.Id;
            db.Add(member);
            await db.SaveChangesAsync();
        }
        var rob = await desk.SignInAsync(Accounts.ServiceManager);
        var entry = Single(await rob.GetJsonAsync($"/api/v1/audit?entityType=Resolver group&q={Uri.EscapeDataString("Networks & Telephony")}"));
        var (before, after) = Field(entry, "Members");
        Assert.Contains("aisha.karim@sharedict.example", before);
        Assert.DoesNotContain("lucy.brennan@sharedict.example", before);
        Assert.Equal(before!.Split(", ").Append("lucy.brennan@sharedict.example").Order(StringComparer.Ordinal), after!.Split(", "));
    }

    private static JsonElement Single(JsonElement list)
    {
        Assert.Equal(1, list.GetProperty("total").GetInt32());
        return list.GetProperty("items")[0];
    }

    private static (string? Before, string? After) Field(JsonElement entry, string field)
    {
        var change = entry.GetProperty("changes").EnumerateArray().Single(c => c.Str("field") == field);
        return (change.GetProperty("before").GetString(), change.GetProperty("after").GetString());
    }
}
