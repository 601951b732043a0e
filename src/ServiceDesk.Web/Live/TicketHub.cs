using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using ServiceDesk.Core.Access;
using ServiceDesk.Core.Features.Live;
using ServiceDesk.Infrastructure.Identity;
using ServiceDesk.Web.Security;

namespace ServiceDesk.Web.Live;

/// <summary>
/// The live channel of the portal and the workspace. A connection joins the audiences its
/// person belongs to; <see cref="SignalRTicketNotifier"/> sends each change only to the
/// audiences that may see that ticket, so no one hears of another council's tickets.
/// </summary>
[Authorize(Policy = DeskPolicies.SignedIn)]
public sealed class TicketHub(ViewerLoader viewers) : Hub
{
    public const string Path = "/hubs/tickets";

    public override async Task OnConnectedAsync()
    {
        var claim = Context.User?.FindFirst(DeskUserClaimsFactory.PersonIdClaim)?.Value;
        if (!int.TryParse(claim, NumberStyles.None, CultureInfo.InvariantCulture, out var personId))
        {
            Context.Abort();
            return;
        }
        var viewer = await viewers.LoadForAsync(personId, Context.ConnectionAborted);
        foreach (var audience in Audiences.Of(viewer))
            await Groups.AddToGroupAsync(Context.ConnectionId, audience, Context.ConnectionAborted);
        await base.OnConnectedAsync();
    }
}

/// <summary>The SignalR groups: who hears of which tickets. Mirrors Viewer.Visible and Viewer.CanWork.</summary>
public static class Audiences
{
    public const string SharedIct = "shared-ict";
    public static string Person(int id) => $"person-{id}";
    public static string CouncilWhole(int councilId) => $"council-{councilId}";
    public static string ResolverGroup(int groupId) => $"group-{groupId}";

    public static IEnumerable<string> Of(Viewer viewer)
    {
        yield return Person(viewer.PersonId);
        if (viewer.SeesAllCouncils) yield return SharedIct;
        foreach (var council in viewer.CouncilsSeenWhole) yield return CouncilWhole(council);
        foreach (var group in viewer.GroupIds) yield return ResolverGroup(group);
    }

    /// <summary>Who may hear of a change: those who may work the ticket always, the rest unless it is staff-only.</summary>
    public static IReadOnlyList<string> For(TicketChangeNotice notice)
    {
        var audiences = new List<string> { SharedIct };
        if (notice.ResolverGroupId is int group) audiences.Add(ResolverGroup(group));
        if (!notice.StaffOnly)
        {
            audiences.Add(CouncilWhole(notice.CouncilId));
            audiences.Add(Person(notice.RequesterId));
            audiences.AddRange(notice.ParticipantIds.Select(Person));
        }
        return audiences;
    }
}

/// <summary>Sends committed ticket changes to the live pages that may see them.</summary>
public sealed class SignalRTicketNotifier(IHubContext<TicketHub> hub, ILogger<SignalRTicketNotifier> log) : ITicketNotifier
{
    public async Task TicketChangedAsync(TicketChangeNotice notice, CancellationToken ct)
    {
        try
        {
            await hub.Clients.Groups(Audiences.For(notice)).SendAsync("ticketChanged", new
            {
                reference = notice.Reference,
                change = notice.Change,
                by = notice.By,
                status = notice.Status,
                version = notice.Version,
            }, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A live page missing one push catches up on its next load; the change itself is committed.
            log.LogWarning(e, "Could not push the change of {Reference} to live pages.", notice.Reference);
        }
    }
}
