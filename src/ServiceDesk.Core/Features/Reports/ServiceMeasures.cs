using System.Globalization;
using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Domain.Calendars;
using ServiceDesk.Core.Domain.Sla;
using ServiceDesk.Core.Domain.Tickets;
using ServiceDesk.Core.Features.Problems;

namespace ServiceDesk.Core.Features.Reports;

/// <summary>
/// Mean and median business time to respond or resolve for one priority or resolver group, beside the
/// % within target of the same row in the report's response, resolution or OLA section.
/// </summary>
public sealed record TimeLine(string Section, string Label, int Count, double? MeanHours, double? MedianHours, double? WithinTarget, Rag Rag);

/// <summary>The service outage of a major incident (a P1 incident), for the availability of services.</summary>
public sealed record ReportOutage(int ServiceId, DateTime StartedAt, DateTime? EndedAt);

/// <summary>
/// The measures partner boards benchmark shared ICT on, added to the monthly report in their own sections:
/// first-contact resolution by channel, mean and median time to respond and resolve, availability of
/// services from major incidents, the satisfaction response rate, and cost per user against a benchmark.
/// </summary>
public static class ServiceMeasures
{
    public const string FirstContact = "First-contact resolution by channel";
    public const string SatisfactionResponse = "Satisfaction response rate";
    public const string Availability = "Availability of services (major incidents)";
    public const string CostPerUser = "Cost per user a year, quarter on quarter";
    public const string RespondByPriority = "Time to respond by priority (business hours)";
    public const string ResolveByPriority = "Time to resolve by priority (business hours)";
    public const string RespondByGroup = "Time to respond by resolver group, OLA (business hours)";
    public const string ResolveByGroup = "Time to resolve by resolver group, OLA (business hours)";

    /// <summary>The measure sections, in the order the report shows them after the standing ones.</summary>
    public static readonly IReadOnlyList<string> MeasureSections = [FirstContact, SatisfactionResponse, Availability, CostPerUser];

    /// <summary>The time sections, in order.</summary>
    public static readonly IReadOnlyList<string> TimeSections = [RespondByPriority, ResolveByPriority, RespondByGroup, ResolveByGroup];

    /// <summary>The heading of the change column: the cost section compares quarters, the rest months.</summary>
    public static string ChangeHeading(string section) => section == CostPerUser ? "Change since last quarter" : "Change since last month";

    /// <summary>
    /// First-contact resolution: of the tickets resolved in the month (first resolution or again after a
    /// reopen), those resolved on first contact (see <see cref="Ticket.ResolvedOnFirstContact"/>), by channel.
    /// Satisfaction response rate: ratings given in the month over tickets resolved in it.
    /// </summary>
    public static void AddContactMeasures(List<Measure> measures, IReadOnlyList<ReportTicket> mine, ReportMonth month, ReportOptions options)
    {
        var resolved = mine.Where(t => month.Contains(t.ResolvedAt)).ToList();
        foreach (var channel in Enum.GetValues<Channel>())
        {
            var of = resolved.Where(t => t.Channel == channel).ToList();
            measures.Add(Ratio(FirstContact, channel.ToString(), "percent", of.Count(t => t.FirstContact), of.Count, options.FirstContactResolution));
        }
        measures.Add(Ratio(FirstContact, "All channels", "percent", resolved.Count(t => t.FirstContact), resolved.Count, options.FirstContactResolution));

        var ratings = mine.Count(t => t.Rating is not null && month.Contains(t.RatedAt));
        measures.Add(Ratio(SatisfactionResponse, "Ratings given ÷ tickets resolved", "percent", ratings, resolved.Count, null));
    }

    /// <summary>
    /// Availability of each service with a major-incident outage in the month: minutes of the month (a
    /// major incident runs on a 24×7 clock) less the outage minutes (overlapping outages of one service
    /// counted once), as a % of the month; "All services" over every catalogue service. Shared services
    /// serve every council, so each council's report shows the partnership's outages.
    /// </summary>
    public static void AddAvailability(List<Measure> measures, IReadOnlyList<ReportOutage> outages, ReportMonth month, TrendNames names, ReportOptions options)
    {
        var (start, end) = (month.StartUtc, month.EndUtc);
        var minutes = (int)(end - start).TotalMinutes;
        var down = outages.Where(o => o.StartedAt < end && (o.EndedAt ?? end) > start)
            .GroupBy(o => o.ServiceId)
            .Select(g => (Service: g.Key, Minutes: DownMinutes(g, start, end)))
            .OrderBy(s => Name(names, s.Service), StringComparer.Ordinal).ToList();
        foreach (var (service, lost) in down)
            measures.Add(Ratio(Availability, Name(names, service), "percent", minutes - lost, minutes, options.Availability, decimals: 2));
        var services = Math.Max(names.Services.Count, down.Count);
        if (services > 0)
            measures.Add(Ratio(Availability, "All services", "percent", services * minutes - down.Sum(d => d.Minutes), services * minutes, options.Availability, decimals: 2));
    }

    /// <summary>
    /// Mean and median business time to respond and to resolve, per priority (SLA clocks) and per resolver
    /// group (OLA clocks): every clock stopped in the month by a response or resolution, met or late, from its
    /// start to its stop in business minutes of the ticket's council calendar, less the time paused. An OLA
    /// clock that ended because the ticket moved on, unmet, is not a response and does not count.
    /// </summary>
    public static List<TimeLine> Times(IReadOnlyList<ReportTicket> mine, ReportMonth month, Func<int, BusinessCalendar> calendarOfCouncil,
        TrendNames names, IReadOnlyList<Measure> measures)
    {
        var lines = new List<TimeLine>();
        double Minutes(ReportTicket t, ReportClock c) =>
            Math.Max(0, calendarOfCouncil(t.CouncilId).BusinessMinutesBetween(c.StartedAt!.Value, c.StoppedAt!.Value) - c.PausedMinutes);
        List<(ReportTicket Ticket, ReportClock Clock, double Minutes)> Stopped(ClockKind kind) => mine
            .SelectMany(t => t.Clocks.Where(c => c.Kind == kind && c.StartedAt is not null && c.StoppedAt is not null && month.Contains(c.StoppedAt)
                                                  && (c.MetAt is not null || c.BreachedAt is not null && !c.Ended))
                .Select(c => (t, c, Minutes(t, c)))).ToList();

        foreach (var (section, kind, targetSection) in new[] { (RespondByPriority, ClockKind.Response, SlaReportFigures.Response), (ResolveByPriority, ClockKind.Resolution, SlaReportFigures.Resolution) })
        {
            var stopped = Stopped(kind);
            foreach (var priority in Enum.GetValues<Priority>())
                lines.Add(Line(section, priority.ToString(), stopped.Where(s => s.Ticket.Priority == priority).Select(s => s.Minutes), measures, targetSection));
            lines.Add(Line(section, "All priorities", stopped.Select(s => s.Minutes), measures, targetSection));
        }
        foreach (var (section, kind, targetSection) in new[] { (RespondByGroup, ClockKind.OlaResponse, SlaReportFigures.OlaResponse), (ResolveByGroup, ClockKind.OlaResolution, SlaReportFigures.OlaResolution) })
        {
            foreach (var group in Stopped(kind).Where(s => s.Clock.ResolverGroupId is not null)
                         .GroupBy(s => GroupName(names, s.Clock.ResolverGroupId!.Value)).OrderBy(g => g.Key, StringComparer.Ordinal))
                lines.Add(Line(section, group.Key, group.Select(s => s.Minutes), measures, targetSection));
        }
        return lines;
    }

    /// <summary>
    /// A council's cost per user a year in a quarter: its essential base share plus its enhanced charges
    /// (requests and subscriptions), over its active users in that quarter, times four; judged against the
    /// benchmark (at most), with the quarter before beside it.
    /// </summary>
    public static Measure CostLine(string councilCode, string quarter, decimal essential, decimal enhanced, int activeUsers,
        decimal? previousPerUserYear, ReportOptions options)
    {
        double? perUser = activeUsers <= 0 ? null : (double)Math.Round((essential + enhanced) * 4 / activeUsers, 0, MidpointRounding.AwayFromZero);
        var benchmark = options.CostPerUserBenchmark;
        var rule = new RagRule((double)benchmark, (double)Math.Round(benchmark * options.CostPerUserAmberFraction, 0), higherIsBetter: false);
        double? before = previousPerUserYear is decimal p ? (double)p : null;
        return new Measure(CostPerUser, $"{councilCode}, {quarter}", "pounds", perUser, activeUsers, 0,
            $"at most £{benchmark.ToString("N0", CultureInfo.GetCultureInfo("en-GB"))} a year ({options.CostPerUserBenchmarkSource})",
            rule.Judge(perUser), before, perUser is double now && before is double b ? Math.Round(now - b, 0) : null);
    }

    private static TimeLine Line(string section, string label, IEnumerable<double> minutes, IReadOnlyList<Measure> measures, string targetSection)
    {
        var list = minutes.Order().ToList();
        var target = measures.FirstOrDefault(m => m.Section == targetSection && m.Label == label);
        double? Hours(double m) => Math.Round(m / 60, 1, MidpointRounding.AwayFromZero);
        return new TimeLine(section, label, list.Count,
            list.Count == 0 ? null : Hours(list.Average()),
            list.Count == 0 ? null : Hours(list.Count % 2 == 1 ? list[list.Count / 2] : (list[list.Count / 2 - 1] + list[list.Count / 2]) / 2),
            target?.Value, target?.Rag ?? Rag.None);
    }

    /// <summary>Minutes inside [start, end) covered by at least one of the outages.</summary>
    private static int DownMinutes(IEnumerable<ReportOutage> outages, DateTime start, DateTime end)
    {
        var total = TimeSpan.Zero;
        DateTime? from = null, to = null;
        foreach (var (s, e) in outages.Select(o => (S: o.StartedAt < start ? start : o.StartedAt, E: (o.EndedAt ?? end) > end ? end : o.EndedAt ?? end)).OrderBy(o => o.S))
        {
            if (to is DateTime t && s <= t) { if (e > t) to = e; continue; }
            if (from is DateTime f) total += to!.Value - f;
            (from, to) = (s, e);
        }
        if (from is DateTime last) total += to!.Value - last;
        return (int)Math.Round(total.TotalMinutes);
    }

    private static Measure Ratio(string section, string label, string unit, int count, int of, RagRule? rule, int decimals = 1)
    {
        double? value = of == 0 ? null : Math.Round(100.0 * count / of, decimals, MidpointRounding.AwayFromZero);
        return new Measure(section, label, unit, value, count, of, rule?.Describe(unit), rule?.Judge(value) ?? Rag.None);
    }

    private static string Name(TrendNames names, int serviceId) => names.Services.TryGetValue(serviceId, out var name) ? name : $"Service #{serviceId}";
    private static string GroupName(TrendNames names, int id) => names.Groups.TryGetValue(id, out var name) ? name : $"Group #{id}";
}

/// <summary>Writes the SLA report as a PDF document (attached to the monthly email and downloadable from the report page).</summary>
public interface ISlaReportPdf
{
    byte[] Write(SlaReportFigures figures);
}
