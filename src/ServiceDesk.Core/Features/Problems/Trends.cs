using System.Globalization;
using System.Text;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ServiceDesk.Core.Abstractions;
using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Domain.Calendars;
using ServiceDesk.Core.Features.Sla;

namespace ServiceDesk.Core.Features.Problems;

/// <summary>One period of a trend: local (Europe/London) dates, start inclusive, end exclusive.</summary>
public sealed record TrendPeriod(DateOnly Start, DateOnly End, string Label);

/// <summary>One line of a trend chart: incidents per period for one service, category, council or resolver group.</summary>
public sealed record TrendSeries(string Key, string Label, IReadOnlyList<int> Counts, int Total);

/// <summary>Incidents per period, one series per group, with the totals per period (the chart and its table).</summary>
public sealed record TrendReport(string GroupBy, string Period, IReadOnlyList<TrendPeriod> Periods, IReadOnlyList<TrendSeries> Series, IReadOnlyList<int> Totals)
{
    /// <summary>The same figures as CSV: one row per series, one column per period, then the total.</summary>
    public string ToCsv() => Exports.CsvSheet.Write(csv =>
    {
        csv.Text(GroupBy).Texts(Periods.Select(p => p.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))).Text("Total").Next();
        foreach (var s in Series)
        {
            csv.Text(s.Label);
            foreach (var count in s.Counts) csv.Figure(count);
            csv.Figure(s.Total).Next();
        }
        csv.Text("Total");
        foreach (var total in Totals) csv.Figure(total);
        csv.Figure(Totals.Sum()).Next();
    });
}

internal static class TrendRules
{
    public static IRuleBuilderOptions<T, string?> TrendPeriod<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(p => p is null || TrendWindow.PeriodNames.Contains(p, StringComparer.OrdinalIgnoreCase))
            .WithMessage($"period must be one of {string.Join(", ", TrendWindow.PeriodNames)}.");
}

/// <summary>The reporting window of the trend queries: the last 12 weeks (Monday to Sunday) or months, this one included.</summary>
public sealed record TrendWindow(IReadOnlyList<TrendPeriod> Periods)
{
    public const int PeriodCount = 12;
    public static readonly string[] PeriodNames = ["week", "month"];

    public DateTime FromUtc => PartnershipTime.StartOfDay(Periods[0].Start);
    public DateTime ToUtc => PartnershipTime.StartOfDay(Periods[^1].End);

    public static TrendWindow Ending(DateTime nowUtc, string? period)
    {
        var today = PartnershipTime.LocalDate(nowUtc);
        var monthly = string.Equals(period, "month", StringComparison.OrdinalIgnoreCase);
        var periods = new List<TrendPeriod>();
        for (var i = PeriodCount - 1; i >= 0; i--)
        {
            if (monthly)
            {
                var start = new DateOnly(today.Year, today.Month, 1).AddMonths(-i);
                periods.Add(new TrendPeriod(start, start.AddMonths(1), start.ToString("MMM yyyy", CultureInfo.InvariantCulture)));
            }
            else
            {
                var start = PartnershipTime.WeekStart(today).AddDays(-7 * i);
                periods.Add(new TrendPeriod(start, start.AddDays(7), "w/c " + start.ToString("d MMM yyyy", CultureInfo.InvariantCulture)));
            }
        }
        return new TrendWindow(periods);
    }

    /// <summary>The index of the period an instant falls in, or -1 outside the window.</summary>
    public int IndexOf(DateTime utc)
    {
        var date = PartnershipTime.LocalDate(utc);
        for (var i = 0; i < Periods.Count; i++)
            if (date >= Periods[i].Start && date < Periods[i].End) return i;
        return -1;
    }
}

/// <summary>
/// Incidents per week (or month) for the last 12 periods, grouped by service, category, council or
/// resolver group (the group the incident sits with now). Shared ICT staff only.
/// </summary>
public sealed record GetTrends(string? GroupBy = null, string? Period = null) : IRequest<TrendReport>;

public sealed class GetTrendsValidator : AbstractValidator<GetTrends>
{
    public static readonly string[] Groupings = ["service", "category", "council", "resolverGroup"];

    public GetTrendsValidator()
    {
        RuleFor(x => x.GroupBy).Must(g => g is null || Groupings.Contains(g, StringComparer.OrdinalIgnoreCase))
            .WithMessage($"groupBy must be one of {string.Join(", ", Groupings)}.");
        RuleFor(x => x.Period).TrendPeriod();
    }
}

public sealed class GetTrendsHandler(IServiceDeskDb db, ProblemWorkspace workspace) : IRequestHandler<GetTrends, TrendReport>
{
    public async Task<TrendReport> Handle(GetTrends request, CancellationToken ct)
    {
        await workspace.ViewerAsync("Trends", ct);
        var groupBy = GetTrendsValidator.Groupings.First(g => string.Equals(g, request.GroupBy ?? "service", StringComparison.OrdinalIgnoreCase));
        var period = (request.Period ?? "week").ToLowerInvariant();
        var window = TrendWindow.Ending(workspace.Now, period);
        var (from, to) = (window.FromUtc, window.ToUtc);
        var incidents = await db.Tickets.AsNoTracking()
            .Where(t => t.Type == TicketType.Incident && t.CreatedAt >= from && t.CreatedAt < to)
            .Select(t => new { t.CreatedAt, t.ServiceId, t.CategoryId, t.CouncilId, t.ResolverGroupId })
            .ToListAsync(ct);
        var names = await TrendNames.LoadAsync(db, ct);

        var series = new Dictionary<string, (string Label, int[] Counts)>();
        foreach (var i in incidents)
        {
            var index = window.IndexOf(i.CreatedAt);
            if (index < 0) continue;
            var (key, label) = groupBy switch
            {
                "category" => ($"{i.ServiceId}/{i.CategoryId}", names.Category(i.ServiceId, i.CategoryId)),
                "council" => (i.CouncilId.ToString(CultureInfo.InvariantCulture), names.Councils[i.CouncilId]),
                "resolverGroup" => (i.ResolverGroupId?.ToString(CultureInfo.InvariantCulture) ?? "none",
                    i.ResolverGroupId is int g ? names.Groups[g] : "(no resolver group)"),
                _ => (i.ServiceId.ToString(CultureInfo.InvariantCulture), names.Services[i.ServiceId]),
            };
            if (!series.TryGetValue(key, out var line)) series[key] = line = (label, new int[window.Periods.Count]);
            line.Counts[index]++;
        }
        var ordered = series
            .Select(s => new TrendSeries(s.Key, s.Value.Label, s.Value.Counts, s.Value.Counts.Sum()))
            .OrderByDescending(s => s.Total).ThenBy(s => s.Label, StringComparer.Ordinal)
            .ToList();
        var totals = Enumerable.Range(0, window.Periods.Count).Select(p => ordered.Sum(s => s.Counts[p])).ToList();
        return new TrendReport(groupBy, period, window.Periods, ordered, totals);
    }
}

/// <summary>Names for trend rows, read once.</summary>
public sealed record TrendNames(
    IReadOnlyDictionary<int, string> Services, IReadOnlyDictionary<int, string> Categories,
    IReadOnlyDictionary<int, string> Councils, IReadOnlyDictionary<int, string> Groups)
{
    public static async Task<TrendNames> LoadAsync(IServiceDeskDb db, CancellationToken ct) => new(
        await db.Services.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, ct),
        await db.Categories.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, ct),
        await db.Councils.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Code, ct),
        await db.ResolverGroups.AsNoTracking().ToDictionaryAsync(g => g.Id, g => g.Name, ct));

    public string Category(int serviceId, int? categoryId) =>
        $"{Services[serviceId]} / {(categoryId is int c ? Categories[c] : "(no category)")}";
}

/// <summary>A label with a count (a row of "top recurring").</summary>
public sealed record CountRow(string Label, int Count);

/// <summary>The services and categories with the most incidents in the trend window.</summary>
public sealed record TopRecurringView(DateTime From, DateTime To, IReadOnlyList<CountRow> Services, IReadOnlyList<CountRow> Categories);

/// <summary>The services and categories with the most incidents in the last 12 weeks (or months).</summary>
public sealed record GetTopRecurring(string? Period = null, int? Take = null) : IRequest<TopRecurringView>;

public sealed class GetTopRecurringValidator : AbstractValidator<GetTopRecurring>
{
    public GetTopRecurringValidator()
    {
        RuleFor(x => x.Period).TrendPeriod();
        RuleFor(x => x.Take).InclusiveBetween(1, 100).When(x => x.Take is not null).WithMessage("take must be between 1 and 100.");
    }
}

public sealed class GetTopRecurringHandler(IServiceDeskDb db, ProblemWorkspace workspace) : IRequestHandler<GetTopRecurring, TopRecurringView>
{
    public async Task<TopRecurringView> Handle(GetTopRecurring request, CancellationToken ct)
    {
        await workspace.ViewerAsync("Trends", ct);
        var window = TrendWindow.Ending(workspace.Now, request.Period);
        var (from, to) = (window.FromUtc, window.ToUtc);
        var take = request.Take ?? 10;
        var incidents = await db.Tickets.AsNoTracking()
            .Where(t => t.Type == TicketType.Incident && t.CreatedAt >= from && t.CreatedAt < to)
            .Select(t => new { t.ServiceId, t.CategoryId })
            .ToListAsync(ct);
        var names = await TrendNames.LoadAsync(db, ct);
        static List<CountRow> Top(IEnumerable<string> labels, int take) => labels.GroupBy(l => l)
            .Select(g => new CountRow(g.Key, g.Count())).OrderByDescending(r => r.Count).ThenBy(r => r.Label, StringComparer.Ordinal).Take(take).ToList();
        return new TopRecurringView(from, to,
            Top(incidents.Select(i => names.Services[i.ServiceId]), take),
            Top(incidents.Select(i => names.Category(i.ServiceId, i.CategoryId)), take));
    }
}

/// <summary>Mean time to resolve one service's incidents: in elapsed hours and in business hours of each council's calendar.</summary>
public sealed record ResolutionTimeRow(int ServiceId, string Service, int Resolved, double MeanHours, double MeanBusinessHours);

/// <summary>Mean time to resolve per service, over incidents resolved in the last 12 weeks (or months).</summary>
public sealed record GetResolutionTimes(string? Period = null) : IRequest<IReadOnlyList<ResolutionTimeRow>>;

public sealed class GetResolutionTimesValidator : AbstractValidator<GetResolutionTimes>
{
    public GetResolutionTimesValidator() =>
        RuleFor(x => x.Period).TrendPeriod();
}

public sealed class GetResolutionTimesHandler(IServiceDeskDb db, ProblemWorkspace workspace, SlaPolicyBook calendars)
    : IRequestHandler<GetResolutionTimes, IReadOnlyList<ResolutionTimeRow>>
{
    public async Task<IReadOnlyList<ResolutionTimeRow>> Handle(GetResolutionTimes request, CancellationToken ct)
    {
        await workspace.ViewerAsync("Trends", ct);
        var window = TrendWindow.Ending(workspace.Now, request.Period);
        var (from, to) = (window.FromUtc, window.ToUtc);
        var resolved = await db.Tickets.AsNoTracking()
            .Where(t => t.Type == TicketType.Incident && t.ResolvedAt != null && t.ResolvedAt >= from && t.ResolvedAt < to)
            .Select(t => new { t.ServiceId, t.CouncilId, t.CreatedAt, ResolvedAt = t.ResolvedAt!.Value })
            .ToListAsync(ct);
        var names = await TrendNames.LoadAsync(db, ct);
        var rows = new List<ResolutionTimeRow>();
        foreach (var service in resolved.GroupBy(r => r.ServiceId))
        {
            double business = 0;
            foreach (var r in service)
                business += (await calendars.CalendarOfCouncilAsync(r.CouncilId, ct)).BusinessMinutesBetween(r.CreatedAt, r.ResolvedAt);
            var count = service.Count();
            rows.Add(new ResolutionTimeRow(service.Key, names.Services[service.Key], count,
                Math.Round(service.Average(r => (r.ResolvedAt - r.CreatedAt).TotalHours), 2),
                Math.Round(business / count / 60, 2)));
        }
        return rows.OrderByDescending(r => r.MeanBusinessHours).ThenBy(r => r.Service, StringComparer.Ordinal).ToList();
    }
}

/// <summary>A requester who keeps calling: how many incidents, about which services.</summary>
public sealed record RepeatCallerRow(string Name, string Email, string CouncilCode, int Incidents, IReadOnlyList<string> Services, DateTime LastAt);

/// <summary>Requesters with several incidents (ServiceDesk:Problems:RepeatCallerIncidents, default 3) in the last 12 weeks (or months).</summary>
public sealed record GetRepeatCallers(string? Period = null) : IRequest<IReadOnlyList<RepeatCallerRow>>;

public sealed class GetRepeatCallersValidator : AbstractValidator<GetRepeatCallers>
{
    public GetRepeatCallersValidator() =>
        RuleFor(x => x.Period).TrendPeriod();
}

public sealed class GetRepeatCallersHandler(IServiceDeskDb db, ProblemWorkspace workspace, IOptions<ProblemOptions> options)
    : IRequestHandler<GetRepeatCallers, IReadOnlyList<RepeatCallerRow>>
{
    public async Task<IReadOnlyList<RepeatCallerRow>> Handle(GetRepeatCallers request, CancellationToken ct)
    {
        await workspace.ViewerAsync("Trends", ct);
        var window = TrendWindow.Ending(workspace.Now, request.Period);
        var (from, to) = (window.FromUtc, window.ToUtc);
        var min = options.Value.RepeatCallerIncidents;
        var incidents = await db.Tickets.AsNoTracking()
            .Where(t => t.Type == TicketType.Incident && t.CreatedAt >= from && t.CreatedAt < to)
            .Select(t => new { t.RequesterId, Name = t.Requester!.DisplayName, t.Requester.Email, Council = t.Council!.Code, Service = t.Service!.Name, t.CreatedAt })
            .ToListAsync(ct);
        return incidents.GroupBy(i => i.RequesterId)
            .Where(g => g.Count() >= min)
            .Select(g => new RepeatCallerRow(g.First().Name, g.First().Email,
                string.Join(", ", g.Select(i => i.Council).Distinct().Order()), g.Count(),
                g.GroupBy(i => i.Service).OrderByDescending(s => s.Count()).ThenBy(s => s.Key, StringComparer.Ordinal).Select(s => s.Key).ToList(),
                g.Max(i => i.CreatedAt)))
            .OrderByDescending(r => r.Incidents).ThenBy(r => r.Name, StringComparer.Ordinal)
            .ToList();
    }
}
