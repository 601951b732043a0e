using System.Net;

namespace ServiceDesk.Api.Tests;

/// <summary>Every ticket response carries an ETag; a change sent with a stale If-Match is refused and changes nothing.</summary>
[Collection(DeskCollection.Name)]
public sealed class ConcurrencyTests(SharedDesk desk)
{
    [Fact]
    public async Task A_change_with_a_stale_If_Match_gets_412_and_changes_nothing()
    {
        var alice = await desk.SignInAsync(Accounts.MaidstoneRequester);
        var priya = await desk.SignInAsync(Accounts.Agent);
        var tom = await desk.SignInAsync(Accounts.Agent2);
        var reference = await alice.RaiseAsync(await alice.ServiceIdAsync("Network and Wi-Fi"));
        var url = $"/api/v1/tickets/{reference}";

        var read = await priya.GetAsync(url);
        var etag = read.Headers.ETag?.Tag;
        Assert.False(string.IsNullOrEmpty(etag));

        // Tom changes the ticket first, so Priya's copy is stale.
        var tomsTake = await tom.PostAsync($"{url}/take", null);
        Assert.Equal(HttpStatusCode.OK, tomsTake.StatusCode);
        Assert.NotEqual(etag, tomsTake.Headers.ETag?.Tag);

        var stale = await priya.PostJsonAsync($"{url}/take", null, HttpStatusCode.PreconditionFailed, ifMatch: etag);
        Assert.Equal("Tom Okafor took this ticket a moment ago. Check what changed, then try again.", stale.Str("detail"));
        var after = await priya.GetJsonAsync(url);
        Assert.Equal(Accounts.Agent2, after.GetProperty("owner").Str("email"));

        // With the current ETag the same change goes through.
        var current = (await priya.GetAsync(url)).Headers.ETag!.Tag;
        var taken = await priya.PostJsonAsync($"{url}/take", null, ifMatch: current);
        Assert.Equal(Accounts.Agent, taken.GetProperty("owner").Str("email"));
    }

    [Fact]
    public async Task Replies_and_notes_sent_at_the_same_moment_without_If_Match_are_all_added()
    {
        var alice = await desk.SignInAsync(Accounts.MaidstoneRequester);
        var priya = await desk.SignInAsync(Accounts.Agent);
        var tom = await desk.SignInAsync(Accounts.Agent2);
        var reference = await alice.RaiseAsync(await alice.ServiceIdAsync("Network and Wi-Fi"));
        var url = $"/api/v1/tickets/{reference}/comments";

        // Three people write on the same ticket at once, twelve times in all.
        var writes = Enumerable.Range(1, 12).Select(i =>
        {
            var (client, @internal) = (i % 3) switch { 0 => (alice, false), 1 => (priya, true), _ => (tom, false) };
            return client.PostAsync(url, System.Net.Http.Json.JsonContent.Create(new { body = $"Contended message {i}", @internal }));
        }).ToList();
        var responses = await Task.WhenAll(writes);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var conversation = (await priya.GetJsonAsync($"/api/v1/tickets/{reference}")).GetProperty("conversation").EnumerateArray()
            .Select(c => c.Str("body")).ToList();
        for (var i = 1; i <= 12; i++) Assert.Contains($"Contended message {i}", conversation);

        // Whoever asks for optimistic concurrency still gets it.
        await priya.PostJsonAsync(url, new { body = "Stale note", @internal = true }, HttpStatusCode.PreconditionFailed, ifMatch: "\"1\"");
    }

    [Fact]
    public async Task A_created_ticket_answers_with_its_location_and_ETag()
    {
        var alice = await desk.SignInAsync(Accounts.MaidstoneRequester);
        var response = await alice.PostAsync("/api/v1/tickets", System.Net.Http.Json.JsonContent.Create(new
        {
            type = "ServiceRequest", title = "Second monitor please", description = "For reconciliations.",
            serviceId = await alice.ServiceIdAsync("Second monitor"), impact = "Low", urgency = "Low",
        }));
        var ticket = await response.JsonAsync(HttpStatusCode.Created);
        Assert.Equal($"/api/v1/tickets/{ticket.Str("reference")}", response.Headers.Location?.ToString());
        // The ETag names the version the body shows (a new ticket may already have a system note, e.g. an acknowledgement withheld).
        Assert.Equal($"\"{ticket.GetProperty("version").GetInt32()}\"", response.Headers.ETag?.Tag);
    }
}
