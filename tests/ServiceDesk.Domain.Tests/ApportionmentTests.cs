using ServiceDesk.Core.Domain;

namespace ServiceDesk.Domain.Tests;

public sealed class ApportionmentTests
{
    [Fact]
    public void Apportioning_by_users_reproduces_the_Leicestershire_split_of_499_341_and_229_users()
    {
        var shares = Apportionment.Split(300_000m, [("HBBC", 499), ("BDC", 341), ("MBC", 229)]);

        Assert.Equal([46.7m, 31.9m, 21.4m], shares.Select(s => s.Percent));
        Assert.Equal([499m, 341m, 229m], shares.Select(s => s.Basis));
        // Amounts come from the exact proportion, to the penny, and add up to the cost.
        Assert.Equal([140_037.42m, 95_696.91m, 64_265.67m], shares.Select(s => s.Amount));
        Assert.Equal(300_000m, shares.Sum(s => s.Amount));
    }

    [Fact]
    public void Nothing_to_share_by_gives_everyone_nothing_and_a_negative_basis_is_refused()
    {
        Assert.All(Apportionment.Split(1000m, [("A", 0), ("B", 0)]), s => Assert.Equal(0m, s.Amount));
        Assert.Equal("apportionment", Assert.Throws<FieldException>(() => Apportionment.Split(1000m, [("A", -1), ("B", 2)])).Field);
    }

    [Fact]
    public void A_subscription_costs_its_days_of_the_quarter_pro_rata_to_the_year()
    {
        var service = new CatalogueService("Extended support hours", "Desk cover 07:00–19:00.", ServiceTier.Enhanced, 18_000m, 1);
        var subscription = new CouncilSubscription(3, service, new DateOnly(2026, 8, 1), 18_000m);

        Assert.Equal(0m, subscription.CostBetween(new DateOnly(2026, 4, 1), new DateOnly(2026, 6, 30)));
        // August and September: 61 of 365 days.
        Assert.Equal(Math.Round(18_000m * 61 / 365, 2), subscription.CostBetween(new DateOnly(2026, 7, 1), new DateOnly(2026, 9, 30)));
        Assert.Equal(Math.Round(18_000m * 92 / 365, 2), subscription.CostBetween(new DateOnly(2026, 10, 1), new DateOnly(2026, 12, 31)));
        var essential = new CatalogueService("Email", "Mailboxes.", ServiceTier.Essential, 0m, 1);
        Assert.Equal("serviceId", Assert.Throws<FieldException>(() => new CouncilSubscription(3, essential, new DateOnly(2026, 8, 1), 0m)).Field);
    }
}
