using MediatR;
using ServiceDesk.Core.Domain.Tickets;

namespace ServiceDesk.Core.Features.Live;

/// <summary>
/// What a live page is told about a committed ticket change, and who may be told: the
/// audiences are the same as those who may see the ticket (Viewer.CanSee), and internal
/// notes only reach the people who may work it.
/// </summary>
public sealed record TicketChangeNotice(
    string Reference, string Change, string By, string Status, int CouncilId, int? ResolverGroupId,
    int RequesterId, IReadOnlyList<int> ParticipantIds, bool StaffOnly, int Version);

/// <summary>Pushes committed ticket changes to the pages that are open (SignalR in the web host).</summary>
public interface ITicketNotifier
{
    Task TicketChangedAsync(TicketChangeNotice notice, CancellationToken ct);
}

/// <summary>Where no page is live (a jobs-only host), changes are not pushed anywhere.</summary>
public sealed class NoLivePages : ITicketNotifier
{
    public Task TicketChangedAsync(TicketChangeNotice notice, CancellationToken ct) => Task.CompletedTask;
}

/// <summary>Turns each committed ticket change into a notice for the live pages.</summary>
public sealed class PushTicketChanges(ITicketNotifier notifier) : INotificationHandler<TicketChanged>
{
    /// <summary>Changes that only the desk sees (the requester's view of the ticket does not change).</summary>
    private static readonly HashSet<string> StaffChanges = ["Internal note", "SLA warning", "SLA breach", "OLA warning", "OLA breach"];

    public Task Handle(TicketChanged notification, CancellationToken ct)
    {
        var t = notification.Ticket;
        var staffOnly = notification.Comment?.IsInternal == true || StaffChanges.Contains(notification.Change);
        var by = notification.ActorId is int id ? NameOf(t, id) : Actor.System.Name;
        return notifier.TicketChangedAsync(new TicketChangeNotice(
            t.Reference, notification.Change, by, TicketLifecycle.Describe(t.Status), t.CouncilId, t.ResolverGroupId,
            t.RequesterId, t.Participants.Select(p => p.PersonId).ToList(), staffOnly, t.Version), ct);
    }

    /// <summary>The actor's name from the ticket's own history (the change just recorded names them).</summary>
    private static string NameOf(Ticket t, int personId) =>
        t.History.LastOrDefault(h => h.ActorId == personId)?.ActorName
        ?? (t.Requester?.Id == personId ? t.Requester.DisplayName : null)
        ?? "someone at the desk";
}
