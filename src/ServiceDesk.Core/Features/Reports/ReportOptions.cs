namespace ServiceDesk.Core.Features.Reports;

/// <summary>Red, amber or green against a target, as partners read it in their performance reports; None when a measure has no target or no data.</summary>
public enum Rag { None, Green, Amber, Red }

/// <summary>
/// A target and how far short of it is still amber: green at or better than the target, amber
/// within <see cref="AmberMargin"/> of it, red beyond. Judged on the figure as shown (one decimal place).
/// </summary>
public sealed class RagRule
{
    public double Target { get; set; }
    public double AmberMargin { get; set; }

    /// <summary>True for "at least" targets (% within target, satisfaction); false for "at most" (breaches, aged backlog).</summary>
    public bool HigherIsBetter { get; set; } = true;

    public RagRule() { }

    public RagRule(double target, double amberMargin, bool higherIsBetter)
    {
        Target = target;
        AmberMargin = amberMargin;
        HigherIsBetter = higherIsBetter;
    }

    public Rag Judge(double? value)
    {
        if (value is not double v) return Rag.None;
        v = Math.Round(v, 1, MidpointRounding.AwayFromZero);
        var shortfall = HigherIsBetter ? Target - v : v - Target;
        // Compare in tenths, so 90.0 against a target of 95 with a margin of 5 is amber, not a rounding error away.
        var tenths = Math.Round(shortfall * 10, MidpointRounding.AwayFromZero);
        var margin = Math.Round(AmberMargin * 10, MidpointRounding.AwayFromZero);
        return tenths <= 0 ? Rag.Green : tenths <= margin ? Rag.Amber : Rag.Red;
    }

    /// <summary>The target as words: "at least 95 %", "at most 5 %", "at least 4.0 of 5".</summary>
    public string Describe(string unit) =>
        $"{(HigherIsBetter ? "at least" : "at most")} {ReportFormat.Value(Target, unit)}";
}

/// <summary>Targets, RAG thresholds and recipients of the monthly SLA report (ServiceDesk:Reports).</summary>
public sealed class ReportOptions
{
    public const string Section = "ServiceDesk:Reports";

    /// <summary>Responses and resolutions within target, SLA and OLA (%): green at 95 or more, amber from 90.</summary>
    public RagRule WithinTarget { get; set; } = new(95, 5, higherIsBetter: true);

    /// <summary>Tickets with an SLA breach in the month, as % of the tickets measured: green at 5 or fewer, amber up to 10.</summary>
    public RagRule Breached { get; set; } = new(5, 5, higherIsBetter: false);

    /// <summary>Open tickets at month end older than <see cref="AgedBacklogDays"/> working days (%): green at 10 or fewer, amber up to 20.</summary>
    public RagRule AgedBacklog { get; set; } = new(10, 10, higherIsBetter: false);

    /// <summary>Working days after which an open ticket counts as aged.</summary>
    public int AgedBacklogDays { get; set; } = 20;

    /// <summary>Mean satisfaction rating (1–5): green at 4.0 or more, amber from 3.5.</summary>
    public RagRule Satisfaction { get; set; } = new(4, 0.5, higherIsBetter: true);

    /// <summary>Tickets resolved on first contact (%): green at 70 or more, amber from 60.</summary>
    public RagRule FirstContactResolution { get; set; } = new(70, 10, higherIsBetter: true);

    /// <summary>Availability of a service, from major-incident outages (%): green at 99.5 or more, amber from 99.</summary>
    public RagRule Availability { get; set; } = new(99.5, 0.5, higherIsBetter: true);

    /// <summary>The cost per user a year a council's figure is judged against (at most): green at or under it.</summary>
    public decimal CostPerUserBenchmark { get; set; } = 3000m;

    /// <summary>Where the benchmark comes from, shown beside it.</summary>
    public string CostPerUserBenchmarkSource { get; set; } = "London median, tri-borough shared services case";

    /// <summary>How far over the benchmark is still amber, as a fraction of it (0.1: up to 10 % over).</summary>
    public decimal CostPerUserAmberFraction { get; set; } = 0.1m;

    /// <summary>How many categories the report lists.</summary>
    public int TopCategories { get; set; } = 5;

    /// <summary>Who gets the consolidated partnership report; when empty, the shared ICT service managers.</summary>
    public List<string> PartnershipRecipients { get; set; } = [];

    /// <summary>The business calendar whose first working day of a month the report goes out on.</summary>
    public string CalendarName { get; set; } = "Standard business hours";
}
