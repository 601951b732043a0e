using System.ComponentModel;

namespace ServiceDesk.Core.Domain;

/// <summary>
/// A council's subscription to an enhanced service it pays for by the year (e.g. extended support
/// hours). Charged on the recharge statement for the days of each quarter it runs.
/// </summary>
[DisplayName("Subscription")]
public sealed class CouncilSubscription : IAudited
{
    private CouncilSubscription() { }

    public CouncilSubscription(int councilId, CatalogueService service, DateOnly startsOn, decimal annualCost)
    {
        if (service.Tier != ServiceTier.Enhanced)
            throw new FieldException("serviceId", $"Councils subscribe to enhanced services; '{service.Name}' is {service.Tier.ToString().ToLowerInvariant()}.");
        if (annualCost < 0) throw new FieldException("annualCost", "The annual cost cannot be negative.");
        CouncilId = councilId;
        ServiceId = service.Id;
        Service = service;
        StartsOn = startsOn;
        AnnualCost = annualCost;
    }

    public int Id { get; private set; }
    public int CouncilId { get; private set; }
    public int ServiceId { get; private set; }
    public CatalogueService? Service { get; private set; }
    public DateOnly StartsOn { get; private set; }
    public DateOnly? EndsOn { get; private set; }
    public decimal AnnualCost { get; private set; }

    public string AuditKey(IAuditNames names) => $"{names.Of<Council>(CouncilId)} {names.Of<CatalogueService>(ServiceId)}";

    /// <summary>The cost for the days of [from, to] (inclusive) the subscription runs, pro rata to the year.</summary>
    public decimal CostBetween(DateOnly from, DateOnly to)
    {
        var start = StartsOn > from ? StartsOn : from;
        var end = EndsOn is DateOnly e && e < to ? e : to;
        if (end < start) return 0;
        var days = end.DayNumber - start.DayNumber + 1;
        var daysInYear = DateTime.IsLeapYear(from.Year) ? 366 : 365;
        return Math.Round(AnnualCost * days / daysInYear, 2, MidpointRounding.AwayFromZero);
    }
}
