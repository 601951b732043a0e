using System.Net;
using ServiceDesk.Core.Features.Tickets;

namespace ServiceDesk.Api.Tests;

/// <summary>A resolved ticket closes by itself five business days later unless the requester reopens it.</summary>
[Collection(DeskCollection.Name)]
public sealed class AutoCloseTests(SharedDesk desk)
{
    [Fact]
    public async Task A_resolved_ticket_closes_itself_after_five_business_days_and_can_no_longer_be_reopened()
    {
        var alice = await desk.SignInAsync(Accounts.MaidstoneRequester);
        var priya = await desk.SignInAsync(Accounts.Agent);
        var reference = await alice.RaiseAsync(await alice.ServiceIdAsync("General enquiry"), "How do I book a meeting room?");
        var url = $"/api/v1/tickets/{reference}";
        await priya.PostJsonAsync($"{url}/take", null);
        var resolved = await priya.PostJsonAsync($"{url}/status", new { status = "Resolved", resolution = "Sent the room booking guide." });
        var until = resolved.GetProperty("reopenUntil").GetDateTime().ToUniversalTime();

        // Five business days of 8.5 hours from now, skipping the weekend: strictly later than four calendar days.
        Assert.True(until - desk.Clock.GetUtcNow().UtcDateTime >= TimeSpan.FromDays(4));

        // A minute before the window ends, the sweep leaves it alone.
        desk.Clock.SetUtcNow(new DateTimeOffset(until.AddMinutes(-1), TimeSpan.Zero));
        await desk.SendAsync(new CloseExpiredResolutions());
        Assert.Equal("Resolved", (await alice.GetJsonAsync(url)).Str("status"));

        desk.Clock.SetUtcNow(new DateTimeOffset(until.AddMinutes(1), TimeSpan.Zero));
        var closedCount = await desk.SendAsync(new CloseExpiredResolutions());
        Assert.True(closedCount >= 1);
        var closed = await alice.GetJsonAsync(url);
        Assert.Equal("Closed", closed.Str("status"));

        var history = await alice.GetJsonAsync($"{url}/history");
        var last = history.EnumerateArray().Last();
        Assert.Equal("ServiceDesk", last.Str("by"));
        Assert.Equal("Closed", last.Str("to"));

        var tooLate = await alice.PostJsonAsync($"{url}/reopen", new { reason = "Still no guide" }, HttpStatusCode.Conflict);
        Assert.Contains(reference, tooLate.Str("detail"));

        // Running the sweep again changes nothing.
        var version = closed.GetProperty("version").GetInt32();
        await desk.SendAsync(new CloseExpiredResolutions());
        Assert.Equal(version, (await alice.GetJsonAsync(url)).GetProperty("version").GetInt32());
    }
}
