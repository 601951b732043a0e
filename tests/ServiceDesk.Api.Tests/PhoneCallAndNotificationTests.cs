using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceDesk.Core.Domain.Notifications;
using ServiceDesk.Core.Features.Email;
using ServiceDesk.Infrastructure.Persistence;

namespace ServiceDesk.Api.Tests;

/// <summary>A desk of its own: these tests move its clock and change people's choices of emails.</summary>
public sealed class PhoneDesk : DeskFactory;

/// <summary>
/// Agents log phone calls (finding or enrolling the caller, resolving at once on first contact);
/// requesters hear of each step unless they turned the optional emails off; a resolution email's
/// rating link works once, unchanged, until it expires.
/// </summary>
public sealed class PhoneCallAndNotificationTests(PhoneDesk desk) : IClassFixture<PhoneDesk>
{
    private async Task<List<Notification>> MailAsync(string reference)
    {
        await using var scope = desk.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceDeskDbContext>();
        var id = long.Parse(reference[3..]);
        return await db.Notifications.AsNoTracking().Where(n => n.TicketId == id).OrderBy(n => n.Id).ToListAsync();
    }

    private static IEnumerable<Notification> To(IEnumerable<Notification> mail, string kind, string email) =>
        mail.Where(n => n.Kind == kind && n.RecipientEmail == email);

    [Fact]
    public async Task The_desk_finds_callers_by_name_email_or_phone_with_their_councils_and_tickets()
    {
        var priya = await desk.SignInAsync(Accounts.Agent);
        var alice = await desk.SignInAsync(Accounts.MaidstoneRequester);
        var reference = await alice.RaiseAsync(await alice.ServiceIdAsync("General enquiry"), "Callers: where is the staff handbook?");

        var byName = Assert.Single((await priya.GetJsonAsync("/api/v1/callers?q=alice tur")).EnumerateArray());
        Assert.Equal(Accounts.MaidstoneRequester, byName.Str("email"));
        Assert.Equal("MBC", Assert.Single(byName.GetProperty("councils").EnumerateArray()).Str("code"));
        Assert.Contains(byName.GetProperty("openTickets").EnumerateArray(), t => t.Str("reference") == reference);

        // Typed as the caller reads it out, with or without the +44.
        var phone = byName.Str("phone");
        var byPhone = Assert.Single((await priya.GetJsonAsync($"/api/v1/callers?q={Uri.EscapeDataString("+44 " + phone[1..])}")).EnumerateArray());
        Assert.Equal(Accounts.MaidstoneRequester, byPhone.Str("email"));
        Assert.Single((await priya.GetJsonAsync("/api/v1/callers?q=ALICE.TURNER@maidstone")).EnumerateArray());

        // A shared post shows both councils to shared ICT.
        var sam = Assert.Single((await priya.GetJsonAsync("/api/v1/callers?q=sam reid")).EnumerateArray());
        Assert.Equal(["SBC", "TWBC"], sam.GetProperty("councils").EnumerateArray().Select(c => c.Str("code")).ToArray());

        var tooShort = await priya.GetJsonAsync("/api/v1/callers?q=a", HttpStatusCode.BadRequest);
        Assert.True(tooShort.GetProperty("errors").TryGetProperty("q", out _));
        await alice.GetJsonAsync("/api/v1/callers?q=frank", HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_council_group_member_finds_only_callers_and_tickets_of_their_own_council()
    {
        var ellie = await desk.SignInAsync(Accounts.MaidstoneOnSite);
        var frank = await desk.SignInAsync(Accounts.SwaleRequester);
        await frank.RaiseAsync(await frank.ServiceIdAsync("General enquiry"), "Callers: Swale only");

        Assert.Empty((await ellie.GetJsonAsync("/api/v1/callers?q=frank")).EnumerateArray());
        Assert.Empty((await ellie.GetJsonAsync("/api/v1/callers?q=swale.example")).EnumerateArray());
        Assert.Empty((await ellie.GetJsonAsync("/api/v1/callers?q=sam reid")).EnumerateArray());
        var frankPhone = Assert.Single((await (await desk.SignInAsync(Accounts.Agent)).GetJsonAsync("/api/v1/callers?q=frank green")).EnumerateArray()).Str("phone");
        Assert.Empty((await ellie.GetJsonAsync($"/api/v1/callers?q={Uri.EscapeDataString(frankPhone)}")).EnumerateArray());

        // Alice is of Ellie's council, but Ellie sees only the tickets of her group, not Alice's general enquiries.
        var alice = await desk.SignInAsync(Accounts.MaidstoneRequester);
        var enquiry = await alice.RaiseAsync(await alice.ServiceIdAsync("General enquiry"), "Callers: not for on-site");
        var found = Assert.Single((await ellie.GetJsonAsync("/api/v1/callers?q=alice turner")).EnumerateArray());
        Assert.DoesNotContain(found.GetProperty("openTickets").EnumerateArray(), t => t.Str("reference") == enquiry);

        // Shared ICT staff who are not agents find callers but do not log calls.
        await (await desk.SignInAsync(Accounts.Infrastructure)).PostJsonAsync("/api/v1/phone-calls", Call(Accounts.MaidstoneRequester), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_council_group_member_logs_calls_for_their_own_councils_people_only_and_follows_them()
    {
        var ellie = await desk.SignInAsync(Accounts.MaidstoneOnSite);
        var priya = await desk.SignInAsync(Accounts.Agent);
        var enquiry = await priya.ServiceIdAsync("General enquiry");
        var hardware = await priya.ServiceIdAsync("Desktop hardware");
        // Each call from its own number: the desk's callers are found by number in the other tests of this desk.
        var line = 800;
        object CallAbout(int service, string email, string? name = null, bool resolve = false, string? council = null) => new
        {
            title = "Phone: dock shows no screens", description = "Called from the first floor.", serviceId = service, impact = "Low", urgency = "Low",
            requesterEmail = email, requesterName = name, phone = $"01632 960 {line++}", councilCode = council, resolvedOnFirstContact = resolve,
            resolution = resolve ? "Reseated the dock's cable on the call." : null,
        };

        // Another council's people, known to the desk or not, are refused in the same words: nobody is enrolled, no number changed.
        var frankPhone = Assert.Single((await priya.GetJsonAsync("/api/v1/callers?q=frank green")).EnumerateArray()).Str("phone");
        var known = await ellie.PostJsonAsync("/api/v1/phone-calls", CallAbout(enquiry, Accounts.SwaleRequester), HttpStatusCode.BadRequest);
        var unknown = await ellie.PostJsonAsync("/api/v1/phone-calls", CallAbout(enquiry, "zara.quinn@swale.example", "Zara Quinn"), HttpStatusCode.BadRequest);
        var sharedIct = await ellie.PostJsonAsync("/api/v1/phone-calls", CallAbout(enquiry, Accounts.Agent2), HttpStatusCode.BadRequest);
        Assert.Equal(known.GetProperty("errors").GetProperty("requesterEmail")[0].GetString()!.Replace(Accounts.SwaleRequester, "X"),
            unknown.GetProperty("errors").GetProperty("requesterEmail")[0].GetString()!.Replace("zara.quinn@swale.example", "X"));
        Assert.True(sharedIct.GetProperty("errors").TryGetProperty("requesterEmail", out _));
        Assert.Empty((await priya.GetJsonAsync("/api/v1/callers?q=zara")).EnumerateArray());
        Assert.Equal(frankPhone, Assert.Single((await priya.GetJsonAsync("/api/v1/callers?q=frank green")).EnumerateArray()).Str("phone"));
        // Sam's shared post is Swale's and Tunbridge Wells', not Maidstone's.
        await ellie.PostJsonAsync("/api/v1/phone-calls", CallAbout(enquiry, Accounts.SharedPost), HttpStatusCode.BadRequest);
        // Tunbridge Wells' own group logs Sam's call for Tunbridge Wells, though his main council is Swale, and never for Swale.
        var olivia = await desk.SignInAsync("olivia.parr@tunbridgewells.example");
        var forTunbridgeWells = await olivia.PostJsonAsync("/api/v1/phone-calls", CallAbout(enquiry, Accounts.SharedPost), HttpStatusCode.Created);
        Assert.Equal("TWBC", forTunbridgeWells.GetProperty("council").Str("code"));
        var forSwale = await olivia.PostJsonAsync("/api/v1/phone-calls", CallAbout(enquiry, Accounts.SharedPost, council: "SBC"), HttpStatusCode.BadRequest);
        Assert.True(forSwale.GetProperty("errors").TryGetProperty("councilCode", out _));

        // A colleague of her council: the ticket is Maidstone's, by phone, and Ellie follows it though it goes to the Service Desk.
        var logged = await ellie.PostJsonAsync("/api/v1/phone-calls", CallAbout(enquiry, Accounts.MaidstoneRequester), HttpStatusCode.Created);
        Assert.Equal("Phone", logged.Str("channel"));
        Assert.Equal("MBC", logged.GetProperty("council").Str("code"));
        Assert.Equal(Accounts.MaidstoneRequester, logged.GetProperty("requester").Str("email"));
        await ellie.GetJsonAsync($"/api/v1/tickets/{logged.Str("reference")}");

        // She resolves on the call only what goes to her own group; anything else is refused before it is logged.
        var notHers = await ellie.PostJsonAsync("/api/v1/phone-calls", CallAbout(enquiry, Accounts.MaidstoneRequester2, resolve: true), HttpStatusCode.BadRequest);
        Assert.True(notHers.GetProperty("errors").TryGetProperty("resolvedOnFirstContact", out _));
        var ben = Assert.Single((await priya.GetJsonAsync("/api/v1/callers?q=ben carter")).EnumerateArray());
        Assert.DoesNotContain(ben.GetProperty("openTickets").EnumerateArray(), t => t.Str("title") == "Phone: dock shows no screens");
        var resolved = await ellie.PostJsonAsync("/api/v1/phone-calls", CallAbout(hardware, Accounts.MaidstoneRequester2, resolve: true), HttpStatusCode.Created);
        Assert.Equal("Resolved", resolved.Str("status"));
        Assert.Equal("Maidstone on-site desktop", resolved.GetProperty("resolverGroup").Str("name"));

        // Someone new with a Maidstone address joins Maidstone.
        var newcomer = await ellie.PostJsonAsync("/api/v1/phone-calls", CallAbout(hardware, "yusuf.ali@maidstone.example", "Yusuf Ali"), HttpStatusCode.Created);
        Assert.Equal("Yusuf Ali", newcomer.GetProperty("requester").Str("name"));
        Assert.Single((await ellie.GetJsonAsync("/api/v1/callers?q=yusuf")).EnumerateArray());
    }

    private static object Call(string email, string? name = null, string? phone = null, bool resolve = false, string? resolution = null) => new
    {
        title = "Phone: cannot sign in to the payroll system", description = "Called at 10:05; locked out after a password change.",
        serviceId = 1, impact = "Low", urgency = "High", requesterEmail = email, requesterName = name, phone,
        resolvedOnFirstContact = resolve, resolution,
    };

    [Fact]
    public async Task A_phone_call_from_a_new_caller_enrols_them_and_resolved_at_once_counts_as_first_contact()
    {
        var priya = await desk.SignInAsync(Accounts.Agent);
        var service = await priya.ServiceIdAsync("General enquiry");
        object CallTo(string email, bool resolve, string? resolution) => new
        {
            title = "Phone: how to book leave", description = "Asked how to book annual leave.", serviceId = service, impact = "Low", urgency = "Low",
            requesterEmail = email, requesterName = "Nina Patel", phone = "01632 960 777", resolvedOnFirstContact = resolve, resolution,
        };

        var noResolution = await priya.PostJsonAsync("/api/v1/phone-calls", CallTo("nina.patel@swale.example", true, null), HttpStatusCode.BadRequest);
        Assert.True(noResolution.GetProperty("errors").TryGetProperty("resolution", out _));
        var unknownDomain = await priya.PostJsonAsync("/api/v1/phone-calls", CallTo("nina@elsewhere.example", false, null), HttpStatusCode.BadRequest);
        Assert.True(unknownDomain.GetProperty("errors").TryGetProperty("requesterEmail", out _));
        Assert.Empty((await priya.GetJsonAsync("/api/v1/callers?q=nina")).EnumerateArray());

        var ticket = await priya.PostJsonAsync("/api/v1/phone-calls", CallTo("nina.patel@swale.example", true, "Sent the leave booking guide."), HttpStatusCode.Created);
        Assert.Equal("Phone", ticket.Str("channel"));
        Assert.Equal("Resolved", ticket.Str("status"));
        Assert.Equal("SBC", ticket.GetProperty("council").Str("code"));
        Assert.Equal("Nina Patel", ticket.GetProperty("requester").Str("name"));
        var reference = ticket.Str("reference");

        var nina = Assert.Single((await priya.GetJsonAsync("/api/v1/callers?q=960777")).EnumerateArray());
        Assert.Equal("nina.patel@swale.example", nina.Str("email"));
        Assert.Contains(nina.GetProperty("recentTickets").EnumerateArray(), t => t.Str("reference") == reference);

        await using var scope = desk.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceDeskDbContext>();
        var id = long.Parse(reference[3..]);
        var saved = await db.Tickets.AsNoTracking().SingleAsync(t => t.Id == id);
        Assert.True(saved.FirstContactMarked);
        Assert.True(saved.ResolvedOnFirstContact);
        Assert.Single(To(await MailAsync(reference), TicketMail.Resolved, "nina.patel@swale.example"));
    }

    [Fact]
    public async Task Requesters_hear_of_assignment_priority_and_closure_unless_they_turn_them_off()
    {
        var priya = await desk.SignInAsync(Accounts.Agent);
        var ben = await desk.SignInAsync(Accounts.MaidstoneRequester2);
        var service = await ben.ServiceIdAsync("General enquiry");
        var apps = await priya.GetJsonAsync("/api/v1/resolver-groups");
        var group = apps.EnumerateArray().First(g => g.Str("name") == "Business Applications").GetProperty("id").GetInt32();

        async Task<string> WorkAsync(string title)
        {
            var reference = await ben.RaiseAsync(service, title);
            var url = $"/api/v1/tickets/{reference}";
            await priya.PostJsonAsync($"{url}/assign", new { resolverGroupId = group });
            await priya.PostJsonAsync($"{url}/priority", new { impact = "High", urgency = "High" });
            await priya.PostJsonAsync($"{url}/status", new { status = "AwaitingCustomer" });
            await priya.PostJsonAsync($"{url}/status", new { status = "Resolved", resolution = "Answered the question." });
            await priya.PostJsonAsync($"{url}/close", null);
            return reference;
        }

        var told = await MailAsync(await WorkAsync("Notices: all on"));
        var assigned = Assert.Single(To(told, TicketMail.Assigned, Accounts.MaidstoneRequester2));
        Assert.Contains("Business Applications", assigned.Subject);
        var priority = Assert.Single(To(told, TicketMail.PriorityChanged, Accounts.MaidstoneRequester2));
        Assert.Contains("P1", priority.Subject);
        Assert.Contains("it was P3", priority.Body);
        Assert.Single(To(told, TicketMail.AwaitingReply, Accounts.MaidstoneRequester2));
        Assert.Single(To(told, TicketMail.Resolved, Accounts.MaidstoneRequester2));
        Assert.Single(To(told, TicketMail.Closed, Accounts.MaidstoneRequester2));

        Assert.Equal(JsonValueKind.True, (await ben.GetJsonAsync("/api/v1/me/mail")).GetProperty("closed").ValueKind);
        var chosen = await ben.PutJsonAsync("/api/v1/me/mail", new { assigned = false, priorityChanged = false, closed = false });
        Assert.False(chosen.GetProperty("assigned").GetBoolean());
        // A choice left out stays as it was.
        Assert.False((await ben.PutJsonAsync("/api/v1/me/mail", new { })).GetProperty("closed").GetBoolean());

        var quiet = await MailAsync(await WorkAsync("Notices: optional off"));
        Assert.Empty(To(quiet, TicketMail.Assigned, Accounts.MaidstoneRequester2));
        Assert.Empty(To(quiet, TicketMail.PriorityChanged, Accounts.MaidstoneRequester2));
        Assert.Empty(To(quiet, TicketMail.Closed, Accounts.MaidstoneRequester2));
        // Asking for a reply and the resolution always go.
        Assert.Single(To(quiet, TicketMail.AwaitingReply, Accounts.MaidstoneRequester2));
        Assert.Single(To(quiet, TicketMail.Resolved, Accounts.MaidstoneRequester2));

        await ben.PutJsonAsync("/api/v1/me/mail", new { assigned = true, priorityChanged = true, closed = true });
    }

    [Fact]
    public async Task A_ticket_that_closes_by_itself_tells_the_requester()
    {
        var priya = await desk.SignInAsync(Accounts.Agent);
        var kate = await desk.SignInAsync(Accounts.TunbridgeWellsRequester);
        var reference = await kate.RaiseAsync(await kate.ServiceIdAsync("General enquiry"), "Notices: closes by itself");
        var resolved = await priya.PostJsonAsync($"/api/v1/tickets/{reference}/status", new { status = "Resolved", resolution = "Answered." });
        var until = resolved.GetProperty("reopenUntil").GetDateTime().ToUniversalTime();
        desk.Clock.SetUtcNow(new DateTimeOffset(until.AddMinutes(1), TimeSpan.Zero));
        await desk.SendAsync(new Core.Features.Tickets.CloseExpiredResolutions());
        var closed = Assert.Single(To(await MailAsync(reference), TicketMail.Closed, Accounts.TunbridgeWellsRequester));
        Assert.Contains("not reopened", closed.Body);
    }

    private static string RatingToken(Notification resolved, int rating)
    {
        var match = Regex.Match(resolved.Body, $@"/rate/(?<token>[A-Za-z0-9_-]+)\?rating={rating}");
        Assert.True(match.Success, resolved.Body);
        return match.Groups["token"].Value;
    }

    [Fact]
    public async Task The_rating_link_rates_once_and_a_changed_or_expired_link_does_not()
    {
        var priya = await desk.SignInAsync(Accounts.Agent);
        var alice = await desk.SignInAsync(Accounts.MaidstoneRequester);
        var service = await alice.ServiceIdAsync("General enquiry");
        var anonymous = desk.CreateClient();

        var reference = await alice.RaiseAsync(service, "Rating link: once");
        await priya.PostJsonAsync($"/api/v1/tickets/{reference}/status", new { status = "Resolved", resolution = "Done." });
        var mail = Assert.Single(To(await MailAsync(reference), TicketMail.Resolved, Accounts.MaidstoneRequester));
        var token = RatingToken(mail, 4);
        Assert.Equal(token, RatingToken(mail, 1));

        // Opening the link changes nothing (mail scanners follow links).
        var opened = await anonymous.GetJsonAsync($"/api/v1/rating-links/{token}");
        Assert.Equal("Ready", opened.Str("state"));
        Assert.Equal(reference, opened.Str("reference"));
        Assert.Equal(JsonValueKind.Null, (await alice.GetJsonAsync($"/api/v1/tickets/{reference}")).GetProperty("satisfaction").ValueKind);

        var bad = await anonymous.PostJsonAsync($"/api/v1/rating-links/{token}", new { rating = 9 }, HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("rating", out _));
        var rated = await anonymous.PostJsonAsync($"/api/v1/rating-links/{token}", new { rating = 4, comment = "Quick." });
        Assert.Equal("Used", rated.Str("state"));
        Assert.Equal(4, (await alice.GetJsonAsync($"/api/v1/tickets/{reference}")).GetProperty("satisfaction").GetProperty("rating").GetInt32());

        var again = await anonymous.PostJsonAsync($"/api/v1/rating-links/{token}", new { rating = 1 }, HttpStatusCode.Conflict);
        Assert.Contains("used", again.Str("detail"));
        Assert.Equal(4, (await alice.GetJsonAsync($"/api/v1/tickets/{reference}")).GetProperty("satisfaction").GetProperty("rating").GetInt32());

        // A link changed in any way is no link at all.
        var tampered = token[..^3] + (token[^3] == 'A' ? 'B' : 'A') + token[^2..];
        await anonymous.GetJsonAsync($"/api/v1/rating-links/{tampered}", HttpStatusCode.NotFound);
        await anonymous.PostJsonAsync($"/api/v1/rating-links/{tampered}", new { rating = 5 }, HttpStatusCode.NotFound);
        await anonymous.GetJsonAsync("/api/v1/rating-links/not-a-token", HttpStatusCode.NotFound);

        // A link past its time says so and records nothing.
        var later = await alice.RaiseAsync(service, "Rating link: expires");
        await priya.PostJsonAsync($"/api/v1/tickets/{later}/status", new { status = "Resolved", resolution = "Done." });
        var lateToken = RatingToken(Assert.Single(To(await MailAsync(later), TicketMail.Resolved, Accounts.MaidstoneRequester)), 5);
        desk.Clock.Advance(TimeSpan.FromDays(31));
        Assert.Equal("Expired", (await anonymous.GetJsonAsync($"/api/v1/rating-links/{lateToken}")).Str("state"));
        var expired = await anonymous.PostJsonAsync($"/api/v1/rating-links/{lateToken}", new { rating = 5 }, HttpStatusCode.Conflict);
        Assert.Contains("stopped working", expired.Str("detail"));
        Assert.Equal(JsonValueKind.Null, (await alice.GetJsonAsync($"/api/v1/tickets/{later}")).GetProperty("satisfaction").ValueKind);
    }
}
