namespace ServiceDesk.Core.Domain;

/// <summary>How the partnership shares the essential base cost: by active users, ticket volume, or agreed fixed shares.</summary>
public enum ApportionmentMethod { ActiveUsers, TicketVolume, FixedShares }

/// <summary>One council's part of a shared cost, with the figure it was worked out from.</summary>
public sealed record ApportionedShare(string CouncilCode, decimal Basis, decimal Percent, decimal Amount);

/// <summary>Shares a cost in proportion to each council's basis (users, tickets or agreed share).</summary>
public static class Apportionment
{
    /// <summary>Percentages are shown to one decimal place; amounts are worked from the exact proportion, to the penny.</summary>
    public static IReadOnlyList<ApportionedShare> Split(decimal cost, IReadOnlyList<(string CouncilCode, decimal Basis)> bases)
    {
        if (bases.Any(b => b.Basis < 0)) throw new FieldException("apportionment", "A council's basis cannot be negative.");
        var total = bases.Sum(b => b.Basis);
        return bases.Select(b =>
        {
            var proportion = total == 0 ? 0 : b.Basis / total;
            return new ApportionedShare(b.CouncilCode, b.Basis,
                Math.Round(proportion * 100, 1, MidpointRounding.AwayFromZero),
                Math.Round(cost * proportion, 2, MidpointRounding.AwayFromZero));
        }).ToList();
    }
}
