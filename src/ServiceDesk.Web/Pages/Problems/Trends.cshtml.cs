using System.Globalization;
using System.Text;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ServiceDesk.Core.Features.Problems;
using ServiceDesk.Web.Security;

namespace ServiceDesk.Web.Pages.Problems;

/// <summary>
/// Incident trends for the problem manager: incidents per week (or month) for the last 12, by
/// service, category, council or resolver group, as charts with the figures in a table and as CSV;
/// the top recurring services and categories, mean time to resolve, repeat callers; and the way on
/// to candidate problems and raising a problem.
/// </summary>
[Authorize(Policy = DeskPolicies.SharedIct)]
public sealed class TrendsModel(IMediator mediator) : DeskPageModel(mediator)
{
    public static readonly IReadOnlyList<(string Value, string Text)> Groupings =
        [("service", "Service"), ("category", "Category"), ("council", "Council"), ("resolverGroup", "Resolver group")];
    public static readonly IReadOnlyList<(string Value, string Text)> Periods = [("week", "Week"), ("month", "Month")];

    /// <summary>How many of the largest series get a chart of their own; the table has them all.</summary>
    public const int SeriesCharts = 6;

    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    [BindProperty(SupportsGet = true)] public string? GroupBy { get; set; }
    [BindProperty(SupportsGet = true)] public string? Period { get; set; }

    public TrendReport Report { get; private set; } = null!;
    public TopRecurringView Top { get; private set; } = null!;
    public IReadOnlyList<ResolutionTimeRow> ResolutionTimes { get; private set; } = [];
    public IReadOnlyList<RepeatCallerRow> RepeatCallers { get; private set; } = [];
    public int Candidates { get; private set; }

    public string Grouping => Groupings.First(g => g.Value == Report.GroupBy).Text;
    public string PeriodName => Report.Period == "month" ? "month" : "week";

    public override async Task LoadAsync(CancellationToken ct)
    {
        // Unknown choices fall back to the defaults, so the page always has something to show.
        GroupBy = Groupings.FirstOrDefault(g => string.Equals(g.Value, GroupBy, StringComparison.OrdinalIgnoreCase)).Value ?? "service";
        Period = Periods.FirstOrDefault(p => string.Equals(p.Value, Period, StringComparison.OrdinalIgnoreCase)).Value ?? "week";
        Report = await Mediator.Send(new GetTrends(GroupBy, Period), ct);
        Top = await Mediator.Send(new GetTopRecurring(Period, 5), ct);
        ResolutionTimes = await Mediator.Send(new GetResolutionTimes(Period), ct);
        RepeatCallers = await Mediator.Send(new GetRepeatCallers(Period), ct);
        Candidates = (await Mediator.Send(new ListCandidateProblems(), ct)).Count;
    }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    /// <summary>The figures of the chart and table as a spreadsheet.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return File(Encoding.UTF8.GetBytes(Report.ToCsv()), "text/csv; charset=utf-8", $"incidents-by-{GroupBy}-per-{Period}.csv");
    }

    /// <summary>A period as the chart and table write it: "7 Sep" for a week (starting Monday), "Sep 2026" for a month.</summary>
    public string Short(TrendPeriod period) =>
        period.Start.ToString(Report.Period == "month" ? "MMM yyyy" : "d MMM", English);

    public BarChart TotalChart() => new("chart-total", $"All incidents per {PeriodName}",
        Report.Periods.Select(Short).ToList(), Report.Totals);

    public IEnumerable<BarChart> SeriesChartsToShow() => Report.Series.Take(SeriesCharts).Select((s, i) =>
        new BarChart($"chart-{i + 1}", $"{s.Label}: incidents per {PeriodName}", Report.Periods.Select(Short).ToList(), s.Counts));

    /// <summary>The service (and category) a series is about, for links to its problems; null for councils and resolver groups.</summary>
    public (int ServiceId, int? CategoryId)? ServiceOf(TrendSeries series)
    {
        var parts = series.Key.Split('/');
        if (Report.GroupBy is not ("service" or "category") || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out var serviceId)) return null;
        int? categoryId = parts.Length > 1 && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var c) ? c : null;
        return (serviceId, categoryId);
    }

    public static string Hours(double hours) => hours.ToString("0.0", CultureInfo.InvariantCulture);
}
