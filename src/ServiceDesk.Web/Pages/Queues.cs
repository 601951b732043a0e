using ServiceDesk.Core.Domain;

namespace ServiceDesk.Web.Pages;

/// <summary>The ticket lists the pages share.</summary>
public static class Queues
{
    /// <summary>Statuses in which a ticket still needs work from the desk or the requester.</summary>
    public static readonly string OpenStatuses = string.Join(',',
        Enum.GetValues<TicketStatus>().Where(Core.Domain.Tickets.TicketLifecycle.IsOpen));
}
