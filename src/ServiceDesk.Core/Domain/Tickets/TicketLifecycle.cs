namespace ServiceDesk.Core.Domain.Tickets;

/// <summary>The allowed status transitions of product.md, in one table.</summary>
public static class TicketLifecycle
{
    private static readonly Dictionary<TicketStatus, TicketStatus[]> Allowed = new()
    {
        [TicketStatus.New] = [TicketStatus.Assigned, TicketStatus.InProgress, TicketStatus.AwaitingCustomer, TicketStatus.Resolved],
        [TicketStatus.Assigned] = [TicketStatus.InProgress, TicketStatus.AwaitingCustomer, TicketStatus.Resolved],
        [TicketStatus.InProgress] = [TicketStatus.Assigned, TicketStatus.AwaitingCustomer, TicketStatus.Resolved],
        [TicketStatus.AwaitingCustomer] = [TicketStatus.InProgress, TicketStatus.Resolved],
        [TicketStatus.Resolved] = [TicketStatus.InProgress, TicketStatus.Closed],
        [TicketStatus.Closed] = [],
    };

    public static bool CanMove(TicketStatus from, TicketStatus to) => Allowed[from].Contains(to);

    public static IReadOnlyList<TicketStatus> NextFrom(TicketStatus from) => Allowed[from];

    /// <summary>Open statuses: the ticket still needs work from the desk or the requester.</summary>
    public static bool IsOpen(TicketStatus status) => status is not (TicketStatus.Resolved or TicketStatus.Closed);

    public static string Describe(TicketStatus status) => status switch
    {
        TicketStatus.InProgress => "In progress",
        TicketStatus.AwaitingCustomer => "Awaiting customer",
        _ => status.ToString(),
    };
}
