using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceDesk.Core.Domain.Email;
using ServiceDesk.Infrastructure.Persistence;

namespace ServiceDesk.Api.Tests;

/// <summary>Search on the embedded default: SQLite's FTS5 index.</summary>
[Collection(DeskCollection.Name)]
public sealed class SearchTests(SharedDesk desk) : SearchScenarios
{
    protected override DeskFactory Desk => desk;
}

/// <summary>The same search on the scaled provider: PostgreSQL's tsvector columns and GIN indexes.</summary>
public sealed class PostgresSearchTests(PostgresSharedDesk desk) : SearchScenarios, IClassFixture<PostgresSharedDesk>
{
    protected override DeskFactory Desk => desk.Open("PostgreSQL search");
}

/// <summary>
/// Full-text search across tickets, replies, internal notes and mail: ranked and highlighted, with the
/// same sovereignty as the lists, and kept current by the database whatever writes the rows. Run on
/// each provider: one desk per provider, shared by the scenarios (each searches its own made-up words).
/// </summary>
public abstract class SearchScenarios
{
    protected abstract DeskFactory Desk { get; }

    private static List<JsonElement> Items(JsonElement results) => results.GetProperty("items").EnumerateArray().ToList();

    private static string Snippet(JsonElement item) =>
        string.Concat(item.GetProperty("snippet").GetProperty("parts").EnumerateArray().Select(p => p.Str("text")));

    private static List<string> Highlighted(JsonElement item) =>
        item.GetProperty("snippet").GetProperty("parts").EnumerateArray().Where(p => p.GetProperty("match").GetBoolean()).Select(p => p.Str("text")).ToList();

    private static Task<JsonElement> SearchAsync(HttpClient client, string q, HttpStatusCode expected = HttpStatusCode.OK) =>
        client.GetJsonAsync($"/api/v1/search?q={Uri.EscapeDataString(q)}", expected);

    private async Task<T> InDbAsync<T>(Func<ServiceDeskDbContext, Task<T>> work)
    {
        using var scope = Desk.Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<ServiceDeskDbContext>());
    }

    /// <summary>Makes the person a participant of the ticket (a follower), as the desk does when they are copied in.</summary>
    private Task<int> FollowAsync(string reference, string email) => InDbAsync(async db =>
    {
        var id = long.Parse(reference[3..]);
        var ticket = await db.Tickets.Include(t => t.Participants).FirstAsync(t => t.Id == id);
        var follower = await db.People.Include(p => p.Memberships).FirstAsync(p => p.Email == email);
        ticket.AddParticipant(follower, ServiceDesk.Core.Domain.Tickets.Actor.System, DateTime.UtcNow);
        return await db.SaveChangesAsync();
    });

    [Fact]
    public async Task Search_finds_tickets_replies_and_notes_ranked_and_highlighted_with_stemmed_and_prefix_words()
    {
        var alice = await Desk.SignInAsync(Accounts.MaidstoneRequester);
        var priya = await Desk.SignInAsync(Accounts.Agent);
        var email = await alice.ServiceIdAsync("Email and calendar");
        var titled = await alice.RaiseAsync(email, "Quillfeather calendars vanish every morning");
        var described = await alice.RaiseAsync(email, "Mailbox trouble after the move");
        await alice.PostJsonAsync($"/api/v1/tickets/{described}/comments", new { body = "The quillfeather add-in seems to <b>remove</b> them." });
        await priya.PostJsonAsync($"/api/v1/tickets/{described}/comments", new { body = "Quillfeather licence expired; renew first.", @internal = true });

        var found = await SearchAsync(priya, "quillfeather calendar");
        var items = Items(found);
        Assert.Equal(titled, items[0].Str("ticketReference"));
        Assert.Equal("Ticket", items[0].Str("kind"));
        Assert.Contains("Quillfeather", Highlighted(items[0]));
        Assert.Contains(Highlighted(items[0]), h => h.StartsWith("calendar", StringComparison.OrdinalIgnoreCase));

        var all = Items(await SearchAsync(priya, "quillfeath"));
        Assert.Equal(3, all.Count);
        Assert.Equal(3, (await SearchAsync(priya, "quillfeath")).GetProperty("total").GetInt32());
        var reply = all.Single(i => i.Str("kind") == "Reply");
        Assert.Equal(described, reply.Str("ticketReference"));
        Assert.Equal("Alice Turner", reply.Str("by"));
        // The passage is text: a tag someone typed is characters, never markup.
        Assert.Contains("<b>remove</b>", Snippet(reply));
        Assert.Single(all, i => i.Str("kind") == "InternalNote");

        // "renewing" is stemmed to "renew"; a reference finds its ticket first.
        Assert.Equal("InternalNote", Items(await SearchAsync(priya, "quillfeather renewing"))[0].Str("kind"));
        Assert.Equal(described, Items(await SearchAsync(priya, described))[0].Str("ticketReference"));
    }

    [Fact]
    public async Task A_council_never_finds_another_councils_tickets_and_requesters_never_find_internal_notes()
    {
        var alice = await Desk.SignInAsync(Accounts.MaidstoneRequester);
        var ben = await Desk.SignInAsync(Accounts.MaidstoneRequester2);
        var frank = await Desk.SignInAsync(Accounts.SwaleRequester);
        var isla = await Desk.SignInAsync(Accounts.SwaleApprover);
        var david = await Desk.SignInAsync(Accounts.MaidstoneApprover);
        var ellie = await Desk.SignInAsync(Accounts.MaidstoneOnSite);
        var priya = await Desk.SignInAsync(Accounts.Agent);
        var reference = await alice.RaiseAsync(await alice.ServiceIdAsync("Telephony"), "Zorbantic handset crackles");
        await priya.PostJsonAsync($"/api/v1/tickets/{reference}/comments", new { body = "Zorbantic firmware flagged by the supplier: vermilionkey", @internal = true });
        await priya.PostJsonAsync($"/api/v1/tickets/{reference}/comments", new { body = "Zorbantic handset swapped today." });

        // Another council's requester, approver and resolver-group member: nothing, not even a count.
        foreach (var outsider in new[] { frank, isla })
        {
            var none = await SearchAsync(outsider, "zorbantic");
            Assert.Empty(Items(none));
            Assert.Equal(0, none.GetProperty("total").GetInt32());
            Assert.Empty(Items(await SearchAsync(outsider, reference)));
        }
        // A colleague of the same council who neither raised nor follows it sees nothing either, as in the lists.
        Assert.Empty(Items(await SearchAsync(ben, "zorbantic")));

        // The requester and their council's approver find the public conversation, never the internal note.
        foreach (var reader in new[] { alice, david })
        {
            var mine = Items(await SearchAsync(reader, "zorbantic"));
            Assert.Equal(["Reply", "Ticket"], mine.Select(i => i.Str("kind")).Order());
            Assert.Empty(Items(await SearchAsync(reader, "vermilionkey")));
        }
        Assert.Empty(Items(await SearchAsync(ellie, "vermilionkey")));
        Assert.Single(Items(await SearchAsync(priya, "vermilionkey")));
    }

    [Fact]
    public async Task A_resolver_group_finds_its_tickets_and_notes_and_a_follower_finds_the_public_conversation()
    {
        var alice = await Desk.SignInAsync(Accounts.MaidstoneRequester);
        var ben = await Desk.SignInAsync(Accounts.MaidstoneRequester2);
        var ellie = await Desk.SignInAsync(Accounts.MaidstoneOnSite);
        var priya = await Desk.SignInAsync(Accounts.Agent);
        var reference = await alice.RaiseAsync(await alice.ServiceIdAsync("Telephony"), "Tamariskine headset hums");
        await priya.PostJsonAsync($"/api/v1/tickets/{reference}/assign", new { resolverGroupId = await priya.GroupIdAsync("Maidstone on-site desktop") });
        await priya.PostJsonAsync($"/api/v1/tickets/{reference}/comments", new { body = "Tamariskine dongle replaced: ochrelink", @internal = true });

        // A member of the group the ticket is routed to finds it and works it: the internal note too.
        Assert.Equal(["InternalNote", "Ticket"], Items(await SearchAsync(ellie, "tamariskine")).Select(i => i.Str("kind")).Order());
        Assert.Empty(Items(await SearchAsync(alice, "ochrelink")));

        // A colleague finds nothing until he follows the ticket, then its public part only.
        Assert.Empty(Items(await SearchAsync(ben, "tamariskine")));
        await FollowAsync(reference, Accounts.MaidstoneRequester2);
        Assert.Equal("Ticket", Items(await SearchAsync(ben, "tamariskine")).Single().Str("kind"));
        Assert.Empty(Items(await SearchAsync(ben, "ochrelink")));

        // A group member also finds, as anyone, a ticket of another group that she follows (PostgreSQL searches her
        // group's tickets by their column and the ones she follows by their ids: both halves of the one rule).
        var elsewhere = await alice.RaiseAsync(await alice.ServiceIdAsync("Telephony"), "Tamariskine voicemail lost");
        Assert.Equal([reference], Items(await SearchAsync(ellie, "tamariskine")).Select(i => i.Str("ticketReference")).Distinct());
        await FollowAsync(elsewhere, Accounts.MaidstoneOnSite);
        Assert.Equal(new[] { elsewhere, reference }.Order(), Items(await SearchAsync(ellie, "tamariskine")).Select(i => i.Str("ticketReference")).Distinct().Order());
    }

    [Fact]
    public async Task Rows_written_in_plain_sql_are_found_at_once_and_mail_is_found_by_shared_ict_alone()
    {
        var alice = await Desk.SignInAsync(Accounts.MaidstoneRequester);
        var priya = await Desk.SignInAsync(Accounts.Agent);
        var reference = await alice.RaiseAsync(await alice.ServiceIdAsync("Email and calendar"), "Outlook slow to open");
        var id = long.Parse(reference[3..]);

        // A bulk loader or a repair script writes SQL, not through the desk: the index keeps in step.
        await InDbAsync(db => db.Database.ExecuteSqlAsync($"""UPDATE "Tickets" SET "Description" = 'Plumtastic profile rebuilt' WHERE "Id" = {id}"""));
        Assert.Equal(reference, Items(await SearchAsync(alice, "plumtastic")).Single().Str("ticketReference"));
        var aliceId = await InDbAsync(db => db.People.Where(p => p.Email == Accounts.MaidstoneRequester).Select(p => p.Id).FirstAsync());
        await InDbAsync(db => db.Database.ExecuteSqlAsync(
            $"""INSERT INTO "TicketComments" ("TicketId", "AuthorId", "Body", "IsInternal", "CreatedAt") VALUES ({id}, {aliceId}, 'Gossamerine fix worked', {false}, {DateTime.UtcNow})"""));
        Assert.Equal("Reply", Items(await SearchAsync(alice, "gossamerine")).Single().Str("kind"));
        await InDbAsync(db => db.Database.ExecuteSqlAsync($"""UPDATE "Tickets" SET "Description" = 'Profile rebuilt' WHERE "Id" = {id}"""));
        Assert.Empty(Items(await SearchAsync(alice, "plumtastic")));

        await InDbAsync(async db =>
        {
            var message = new InboundMessage($"<{Guid.NewGuid()}@supplier.example>", Guid.NewGuid().ToString("N"), "sales@supplier.example", "Supplier Sales",
                "Quarzelite toner offer", "Buy quarzelite toner today.", [], DateTime.UtcNow);
            message.Unmatched("From no council's mail domain.");
            db.InboundMessages.Add(message);
            return await db.SaveChangesAsync();
        });
        var mail = Items(await SearchAsync(priya, "quarzelite")).Single();
        Assert.Equal("Mail", mail.Str("kind"));
        Assert.Equal("Quarzelite toner offer", mail.Str("title"));
        Assert.Equal(JsonValueKind.Null, mail.GetProperty("ticketReference").ValueKind);
        Assert.Empty(Items(await SearchAsync(alice, "quarzelite")));
        Assert.Empty(Items(await SearchAsync(await Desk.SignInAsync(Accounts.MaidstoneOnSite), "quarzelite")));
    }

    [Fact]
    public async Task A_match_far_older_than_the_newest_tickets_is_found_beside_a_new_one_by_every_viewer()
    {
        var alice = await Desk.SignInAsync(Accounts.MaidstoneRequester);
        var service = await alice.ServiceIdAsync("Email and calendar");
        var old = await alice.RaiseAsync(service, "Ossifrage plotter offline");
        // Tens of thousands of tickets later (PostgreSQL walks the newest ids a slice at a time, and reads the
        // rest through its index once the word proves rare).
        await InDbAsync(db => db.Database.IsNpgsql()
            ? db.Database.ExecuteSqlRawAsync("""SELECT setval(pg_get_serial_sequence('"Tickets"', 'Id'), (SELECT max("Id") FROM "Tickets") + 50000)""")
            : Task.FromResult(0));
        var recent = await alice.RaiseAsync(service, "Ossifrage plotter offline again");
        Assert.True(long.Parse(recent[3..]) > long.Parse(old[3..]));
        var priya = await Desk.SignInAsync(Accounts.Agent);
        var onSite = await priya.GroupIdAsync("Maidstone on-site desktop");
        foreach (var reference in new[] { old, recent })
            await priya.PostJsonAsync($"/api/v1/tickets/{reference}/assign", new { resolverGroupId = onSite });

        foreach (var viewer in new[] { Accounts.Agent, Accounts.MaidstoneApprover, Accounts.MaidstoneRequester, Accounts.MaidstoneOnSite })
        {
            var found = Items(await SearchAsync(await Desk.SignInAsync(viewer), "ossifrage")).Select(i => i.Str("ticketReference")).ToList();
            Assert.Equal(new[] { recent, old }, found.OrderDescending().ToArray());
        }
        Assert.Empty(Items(await SearchAsync(await Desk.SignInAsync(Accounts.SwaleApprover), "ossifrage")));
    }

    [Fact]
    public async Task A_search_that_cannot_be_used_is_a_400_naming_q_and_common_words_alone_find_nothing()
    {
        var priya = await Desk.SignInAsync(Accounts.Agent);
        foreach (var q in new[] { "", "   ", new string('x', 201) })
        {
            var problem = await SearchAsync(priya, q, HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("q", out _), problem.ToString());
        }
        var far = await priya.GetJsonAsync("/api/v1/search?q=printer&page=51", HttpStatusCode.BadRequest);
        Assert.True(far.GetProperty("errors").TryGetProperty("page", out _), far.ToString());
        Assert.Empty(Items(await SearchAsync(priya, "the and of")));
        // Search syntax typed is just words.
        Assert.Empty(Items(await SearchAsync(priya, "\"NEAR(a b)\" OR * -x ^y")));
    }

    [Fact]
    public async Task The_ids_search_reads_through_the_indexes_are_exactly_the_tickets_the_lists_show()
    {
        // Ben follows a ticket Ellie raised: he sees it as a participant.
        var ellie = await Desk.SignInAsync(Accounts.MaidstoneOnSite);
        var followed = await ellie.RaiseAsync(await ellie.ServiceIdAsync("Telephony"), "Shared desk phone for the list check");
        await FollowAsync(followed, Accounts.MaidstoneRequester2);
        using var scope = Desk.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceDeskDbContext>();
        var viewers = scope.ServiceProvider.GetRequiredService<ServiceDesk.Core.Access.ViewerLoader>();
        foreach (var email in new[] { Accounts.MaidstoneRequester, Accounts.MaidstoneRequester2, Accounts.MaidstoneApprover, Accounts.MaidstoneOnSite, Accounts.SharedPost, Accounts.SwaleRequester, Accounts.Agent })
        {
            var id = await db.People.Where(p => p.Email == email).Select(p => p.Id).FirstAsync();
            var viewer = await viewers.LoadForAsync(id, CancellationToken.None);
            var listed = await viewer.Visible(db.Tickets).Select(t => t.Id).OrderBy(t => t).ToListAsync();
            var indexed = await viewer.VisibleIds(db.Tickets).OrderBy(t => t).ToListAsync();
            Assert.True(listed.SequenceEqual(indexed), email);
        }
    }
}
