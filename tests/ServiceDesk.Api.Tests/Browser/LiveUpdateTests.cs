using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace ServiceDesk.Api.Tests.Browser;

/// <summary>
/// The live channel tells each person only about tickets they may see: council sovereignty holds
/// for pushes as it does for pages, and internal notes reach only the desk.
/// </summary>
[Collection(LiveDeskCollection.Name)]
public sealed class LiveUpdateTests(LiveDesk desk)
{
    [Fact]
    public async Task A_change_reaches_those_who_may_see_the_ticket_and_no_one_else()
    {
        await using var agent = await Listener.ConnectAsync(desk, Accounts.Agent);
        await using var alice = await Listener.ConnectAsync(desk, Accounts.MaidstoneRequester);
        await using var approver = await Listener.ConnectAsync(desk, Accounts.MaidstoneApprover);
        await using var frank = await Listener.ConnectAsync(desk, Accounts.SwaleRequester);

        var aliceApi = await desk.SignInAsync(Accounts.MaidstoneRequester);
        var reference = await aliceApi.RaiseAsync(await aliceApi.ServiceIdAsync("Printing and scanning"), "Live: printer offline");

        await agent.NextAsync(reference, "Raised");
        await alice.NextAsync(reference, "Raised");
        await approver.NextAsync(reference, "Raised");

        // An internal note reaches the desk only.
        var priya = await desk.SignInAsync(Accounts.Agent);
        await priya.PostJsonAsync($"/api/v1/tickets/{reference}/comments", new { body = "Toner supplier called.", @internal = true });
        await agent.NextAsync(reference, "Internal note");
        // A public reply reaches the requester too.
        await priya.PostJsonAsync($"/api/v1/tickets/{reference}/comments", new { body = "Please switch it off and on.", @internal = false });
        await alice.NextAsync(reference, "Reply");
        await approver.NextAsync(reference, "Reply");
        Assert.DoesNotContain(alice.Received, n => n.Change == "Internal note");
        Assert.DoesNotContain(approver.Received, n => n.Change == "Internal note");

        // Frank (Swale) hears of his own ticket; pushes on one connection arrive in order, so
        // by then anything about Alice's ticket would have arrived before it.
        var frankApi = await desk.SignInAsync(Accounts.SwaleRequester);
        var own = await frankApi.RaiseAsync(await frankApi.ServiceIdAsync("Printing and scanning"), "Live: Swale printer offline");
        await frank.NextAsync(own, "Raised");
        Assert.DoesNotContain(frank.Received, n => n.Reference == reference);
        // And Alice's approver hears nothing of Swale's ticket.
        await approver.NextAsync(reference, null, after: () => priya.PostJsonAsync($"/api/v1/tickets/{reference}/comments", new { body = "Fixed?", @internal = false }));
        Assert.DoesNotContain(approver.Received, n => n.Reference == own);
    }

    [Fact]
    public async Task A_connection_without_a_sign_in_is_refused()
    {
        var connection = new HubConnectionBuilder().WithUrl($"{desk.BaseUrl}/hubs/tickets").Build();
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    /// <summary>A person's live connection, signed in with the browser's cookie, keeping what it receives.</summary>
    private sealed class Listener : IAsyncDisposable
    {
        private readonly HubConnection _connection;
        private readonly BlockingCollection<Notice> _incoming = new();

        public List<Notice> Received { get; } = [];

        private Listener(HubConnection connection)
        {
            _connection = connection;
            _connection.On<Notice>("ticketChanged", n => _incoming.Add(n));
        }

        public static async Task<Listener> ConnectAsync(LiveDesk desk, string email)
        {
            using var http = new HttpClient { BaseAddress = new Uri(desk.BaseUrl) };
            var login = await http.PostAsJsonAsync("/api/v1/auth/login?useCookies=true", new { email, password = "Demo-Desk-2026!" });
            login.EnsureSuccessStatusCode();
            var cookie = string.Join("; ", login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
            var connection = new HubConnectionBuilder()
                .WithUrl($"{desk.BaseUrl}/hubs/tickets", o => o.Headers["Cookie"] = cookie)
                .Build();
            var listener = new Listener(connection);
            await connection.StartAsync();
            return listener;
        }

        /// <summary>Waits for the next push about a ticket (and change, if given), keeping everything received meanwhile.</summary>
        public async Task<Notice> NextAsync(string reference, string? change, Func<Task>? after = null)
        {
            if (after is not null) await after();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            while (true)
            {
                Notice notice;
                try { notice = _incoming.Take(timeout.Token); }
                catch (OperationCanceledException) { throw new Xunit.Sdk.XunitException($"No push about {reference} {change} arrived; got: {string.Join(", ", Received)}"); }
                Received.Add(notice);
                if (notice.Reference == reference && (change is null || notice.Change == change)) return notice;
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _connection.DisposeAsync();
            _incoming.Dispose();
        }
    }

    public sealed record Notice(string Reference, string Change, string By, string Status, int Version);
}
