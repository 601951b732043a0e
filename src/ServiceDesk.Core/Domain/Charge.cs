using ServiceDesk.Core.Domain.Tickets;

namespace ServiceDesk.Core.Domain;

/// <summary>
/// What a council pays for one fulfilled enhanced or bespoke request: the service's unit cost at
/// fulfilment × the quantity approved. One per request, however often it is resolved.
/// </summary>
public sealed class Charge
{
    private Charge() { }

    public long Id { get; private set; }
    public int CouncilId { get; private set; }
    public long TicketId { get; private set; }
    public int ServiceId { get; private set; }
    public string ServiceName { get; private set; } = "";
    public ServiceTier Tier { get; private set; }
    public decimal UnitCost { get; private set; }
    public int Quantity { get; private set; }
    public decimal Amount { get; private set; }
    public DateTime ChargedAt { get; private set; }

    /// <summary>The charge for a fulfilled request, at the instant it was fulfilled; null unless it is an approved priced request that was resolved.</summary>
    public static Charge? ForFulfilled(Ticket ticket, CatalogueService service)
    {
        if (ticket.Type != TicketType.ServiceRequest || ticket.ResolvedAt is not DateTime fulfilled || !ticket.IsApprovedPricedRequest)
            return null;
        return new Charge
        {
            CouncilId = ticket.CouncilId,
            TicketId = ticket.Id,
            ServiceId = service.Id,
            ServiceName = service.Name,
            Tier = service.Tier,
            UnitCost = service.UnitCost,
            Quantity = ticket.Quantity,
            Amount = service.UnitCost * ticket.Quantity,
            ChargedAt = fulfilled,
        };
    }
}
