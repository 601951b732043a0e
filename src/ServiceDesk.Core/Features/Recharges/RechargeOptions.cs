using ServiceDesk.Core.Domain;

namespace ServiceDesk.Core.Features.Recharges;

/// <summary>Recharge settings agreed by the partnership (ServiceDesk:Recharges).</summary>
public sealed class RechargeOptions
{
    public const string Section = "ServiceDesk:Recharges";

    /// <summary>
    /// The essential base cost of each year, by the year it starts in ("2026": 1200000; with the April–March
    /// financial year, "2026" is 2026/27); a quarter carries a quarter of it.
    /// </summary>
    public Dictionary<string, decimal> EssentialBaseCost { get; set; } = [];

    /// <summary>How the base cost is shared between the councils.</summary>
    public ApportionmentMethod Apportionment { get; set; } = ApportionmentMethod.ActiveUsers;

    /// <summary>Agreed shares by council code, for <see cref="ApportionmentMethod.FixedShares"/> (any scale: 40, 35, 25).</summary>
    public Dictionary<string, decimal> FixedShares { get; set; } = [];

    /// <summary>Calendar (January–December quarters, the default) or AprilToMarch (financial-year quarters: Q1 is April–June).</summary>
    public RechargeYear Year { get; set; } = RechargeYear.Calendar;

    /// <summary>The month the statements' year starts in.</summary>
    public int StartMonth => Year == RechargeYear.AprilToMarch ? 4 : 1;

    public decimal BaseCostOf(int year) => EssentialBaseCost.GetValueOrDefault(year.ToString(System.Globalization.CultureInfo.InvariantCulture));
}

/// <summary>Which year the recharge quarters follow.</summary>
public enum RechargeYear { Calendar, AprilToMarch }
