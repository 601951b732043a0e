using System.ComponentModel;

namespace ServiceDesk.Core.Domain.Sla;

/// <summary>A response and a resolution target, each an amount of business time; shared by the SLA and OLAs.</summary>
public abstract class ServiceLevelTarget
{
    public int Id { get; private set; }
    public Priority Priority { get; protected set; }
    public int ResponseAmount { get; private set; }
    public BusinessTimeUnit ResponseUnit { get; private set; }
    public int ResolutionAmount { get; private set; }
    public BusinessTimeUnit ResolutionUnit { get; private set; }

    public BusinessTime Response => new(ResponseAmount, ResponseUnit);
    public BusinessTime Resolution => new(ResolutionAmount, ResolutionUnit);

    public void Change(BusinessTime response, BusinessTime resolution)
    {
        if (response.Amount <= 0) throw new FieldException("response", "The response target must be more than zero.");
        if (resolution.Amount <= 0) throw new FieldException("resolution", "The resolution target must be more than zero.");
        (ResponseAmount, ResponseUnit) = (response.Amount, response.Unit);
        (ResolutionAmount, ResolutionUnit) = (resolution.Amount, resolution.Unit);
    }
}

/// <summary>The SLA: response and resolution targets for one service tier and priority.</summary>
[DisplayName("SLA target")]
public sealed class SlaTarget : ServiceLevelTarget, IAudited
{
    private SlaTarget() { }

    public SlaTarget(ServiceTier tier, Priority priority, BusinessTime response, BusinessTime resolution)
    {
        Tier = tier;
        Priority = priority;
        Change(response, resolution);
    }

    public ServiceTier Tier { get; private set; }

    public string AuditKey(IAuditNames names) => $"{Tier} {Priority}";

    /// <summary>The defaults of product.md, the same for every tier until a service manager changes them.</summary>
    public static IEnumerable<SlaTarget> Defaults() =>
        from tier in Enum.GetValues<ServiceTier>()
        from row in DefaultRows
        select new SlaTarget(tier, row.Priority, row.Response, row.Resolution);

    private static readonly (Priority Priority, BusinessTime Response, BusinessTime Resolution)[] DefaultRows =
    [
        (Priority.P1, BusinessTime.Minutes(30), BusinessTime.Hours(4)),
        (Priority.P2, BusinessTime.Hours(1), BusinessTime.Hours(8)),
        (Priority.P3, BusinessTime.Hours(4), BusinessTime.Days(3)),
        (Priority.P4, BusinessTime.Days(1), BusinessTime.Days(5)),
        (Priority.P5, BusinessTime.Days(2), BusinessTime.Days(10)),
    ];
}

/// <summary>An OLA: what a resolver group promises for the time a ticket sits with it, by priority.</summary>
[DisplayName("OLA target")]
public sealed class OlaTarget : ServiceLevelTarget, IAudited
{
    private OlaTarget() { }

    public OlaTarget(int resolverGroupId, Priority priority, BusinessTime response, BusinessTime resolution)
    {
        ResolverGroupId = resolverGroupId;
        Priority = priority;
        Change(response, resolution);
    }

    public int ResolverGroupId { get; private set; }

    public string AuditKey(IAuditNames names) => $"{names.Of<ResolverGroup>(ResolverGroupId)} {Priority}";

    /// <summary>Default OLAs: tighter than the SLA, so the desk has time to respond and hand over.</summary>
    public static IEnumerable<OlaTarget> DefaultsFor(int resolverGroupId) =>
        DefaultRows.Select(r => new OlaTarget(resolverGroupId, r.Priority, r.Response, r.Resolution));

    private static readonly (Priority Priority, BusinessTime Response, BusinessTime Resolution)[] DefaultRows =
    [
        (Priority.P1, BusinessTime.Minutes(15), BusinessTime.Hours(3)),
        (Priority.P2, BusinessTime.Minutes(30), BusinessTime.Hours(6)),
        (Priority.P3, BusinessTime.Hours(2), BusinessTime.Days(2)),
        (Priority.P4, BusinessTime.Hours(4), BusinessTime.Days(4)),
        (Priority.P5, BusinessTime.Days(1), BusinessTime.Days(8)),
    ];
}

/// <summary>
/// Everything a ticket's clocks need at one moment: the council's calendar, the SLA targets for
/// the ticket's tier and priority (the strictest where several apply), the current resolver
/// group's OLA, and how far through a target the warning comes.
/// </summary>
public sealed record SlaTerms(
    Calendars.BusinessCalendar Calendar,
    BusinessTime Response,
    BusinessTime Resolution,
    BusinessTime? OlaResponse,
    BusinessTime? OlaResolution,
    double WarningFraction = 0.75);
