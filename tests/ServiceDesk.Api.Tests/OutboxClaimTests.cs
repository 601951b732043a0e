using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceDesk.Core.Features.Email;
using ServiceDesk.Infrastructure.Persistence;

namespace ServiceDesk.Api.Tests;

/// <summary>Mail another dispatcher has claimed is left to it, until its claim runs out (the node stopped).</summary>
public sealed class OutboxClaimTests
{
    [Fact]
    public async Task Mail_claimed_by_a_stopped_node_is_sent_by_another_once_the_claim_runs_out()
    {
        await using var desk = new DeskFactory();
        var alice = await desk.SignInAsync(Accounts.MaidstoneRequester);
        var priya = await desk.SignInAsync(Accounts.Agent);
        var reference = await alice.RaiseAsync(await alice.ServiceIdAsync("General enquiry"), "Outbox claims: where is the projector?");
        await priya.PostJsonAsync($"/api/v1/tickets/{reference}/comments", new { body = "It is in room 2.", @internal = false });
        var now = desk.Clock.GetUtcNow().UtcDateTime;

        // Another node claims everything due, then stops without sending.
        using (var scope = desk.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<IOutboxClaims>().ClaimAsync("stopped-node", 100_000, now, now.AddSeconds(300), CancellationToken.None);
        Assert.Equal(0, await desk.SendAsync(new DispatchOutbox()));
        Assert.True(await UnsentAsync(desk) > 0);

        desk.Clock.Advance(TimeSpan.FromSeconds(301));
        while (await desk.SendAsync(new DispatchOutbox()) > 0) { }
        Assert.Equal(0, await UnsentAsync(desk));
    }

    private static async Task<int> UnsentAsync(DeskFactory desk)
    {
        using var scope = desk.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ServiceDeskDbContext>().Notifications.CountAsync(n => n.SentAt == null);
    }
}
