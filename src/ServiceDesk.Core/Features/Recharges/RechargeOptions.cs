using ServiceDesk.Core.Domain;

namespace ServiceDesk.Core.Features.Recharges;

/// <summary>Recharge settings agreed by the partnership (ServiceDesk:Recharges).</summary>
public sealed class RechargeOptions
{
    public const string Section = "ServiceDesk:Recharges";

    /// <summary>The essential base cost of each calendar year, by year ("2026": 1200000); a quarter carries a quarter of it.</summary>
    public Dictionary<string, decimal> EssentialBaseCost { get; set; } = [];

    /// <summary>How the base cost is shared between the councils.</summary>
    public ApportionmentMethod Apportionment { get; set; } = ApportionmentMethod.ActiveUsers;

    /// <summary>Agreed shares by council code, for <see cref="ApportionmentMethod.FixedShares"/> (any scale: 40, 35, 25).</summary>
    public Dictionary<string, decimal> FixedShares { get; set; } = [];

    public decimal BaseCostOf(int year) => EssentialBaseCost.GetValueOrDefault(year.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
