using System.Globalization;
using System.Text;
using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Domain.Calendars;
using ServiceDesk.Core.Domain.Sla;
using ServiceDesk.Core.Domain.Tickets;
using ServiceDesk.Core.Features.Exports;
using ServiceDesk.Core.Features.Problems;

namespace ServiceDesk.Core.Features.Reports;

/// <summary>A calendar month in Europe/London, written yyyy-MM.</summary>
public readonly record struct ReportMonth(int Year, int Month)
{
    public DateOnly FirstDay => new(Year, Month, 1);
    public DateTime StartUtc => PartnershipTime.StartOfDay(FirstDay);
    public DateTime EndUtc => PartnershipTime.StartOfDay(FirstDay.AddMonths(1));
    public ReportMonth Previous => Of(FirstDay.AddMonths(-1));
    public bool Contains(DateTime? utc) => utc is DateTime at && at >= StartUtc && at < EndUtc;

    public static ReportMonth Of(DateOnly date) => new(date.Year, date.Month);

    /// <summary>The month an instant falls in, London time.</summary>
    public static ReportMonth Containing(DateTime utc) => Of(PartnershipTime.LocalDate(utc));

    public static bool TryParse(string? text, out ReportMonth month)
    {
        month = default;
        if (text is null || !DateOnly.TryParseExact(text.Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
            return false;
        month = Of(first);
        return true;
    }

    public override string ToString() => FirstDay.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>"October 2026".</summary>
    public string Name => FirstDay.ToString("MMMM yyyy", CultureInfo.InvariantCulture);
}

/// <summary>One SLA or OLA clock as the report needs it.</summary>
public sealed record ReportClock(ClockKind Kind, int? ResolverGroupId, DateTime? MetAt, DateTime? BreachedAt,
    DateTime? StartedAt = null, DateTime? StoppedAt = null, int PausedMinutes = 0, bool Ended = false);

/// <summary>One ticket as the report needs it: when it came and went, how, and what its clocks recorded.</summary>
public sealed record ReportTicket(
    long Id, int CouncilId, TicketType Type, Priority Priority, Channel Channel, int ServiceId, int? CategoryId,
    DateTime CreatedAt, DateTime? FinishedAt, int? Rating, DateTime? RatedAt, IReadOnlyList<ReportClock> Clocks)
{
    /// <summary>When it was last resolved (null while unresolved or reopened).</summary>
    public DateTime? ResolvedAt { get; init; }

    /// <summary>Resolved on first contact (see <see cref="Ticket.ResolvedOnFirstContact"/>).</summary>
    public bool FirstContact { get; init; }

    public static ReportTicket From(Ticket t) => new(
        t.Id, t.CouncilId, t.Type, t.Priority, t.Channel, t.ServiceId, t.CategoryId, t.CreatedAt,
        t.ResolvedAt ?? t.ClosedAt, t.SatisfactionRating, t.RatedAt,
        t.Clocks.Select(c => new ReportClock(c.Kind, c.ResolverGroupId, c.MetAt, c.BreachedAt, c.StartedAt, c.StoppedAt, c.PausedMinutes, c.Ended)).ToList())
    {
        ResolvedAt = t.ResolvedAt,
        FirstContact = t.ResolvedOnFirstContact,
    };

    /// <summary>Still open at the instant: logged before it and not resolved or closed by then.</summary>
    public bool OpenAt(DateTime utc) => CreatedAt < utc && (FinishedAt is not DateTime done || done >= utc);
}

/// <summary>A problem and the incidents linked to it (ticket and council), for the report's problem figures.</summary>
public sealed record ReportProblem(long Id, DateTime CreatedAt, DateTime? ResolvedAt, IReadOnlyList<(long TicketId, int CouncilId)> Incidents);

/// <summary>
/// One measure of the report with its target and RAG status, and the change since last month.
/// Unit: "percent", "rating" or "count".
/// </summary>
public sealed record Measure(
    string Section, string Label, string Unit, double? Value, int Count, int Of, string? Target, Rag Rag,
    double? Previous = null, double? Change = null);

/// <summary>A count without a target (volumes, backlog age, top categories, problems), with last month's.</summary>
public sealed record CountLine(string Section, string Label, int Count, int? Previous = null, int? Change = null);

/// <summary>The figures of one SLA report: what is stored as JSON, mailed, shown and downloaded.</summary>
public sealed record SlaReportFigures(
    string Month, string? CouncilCode, string Scope, DateTime ComputedAt,
    IReadOnlyList<Measure> Measures, IReadOnlyList<CountLine> Counts)
{
    /// <summary>Mean and median time to respond and resolve (see <see cref="ServiceMeasures"/>); empty in reports stored before they were measured.</summary>
    public IReadOnlyList<TimeLine> Times { get; init; } = [];

    public const string VolumesByType = "Volumes by type";
    public const string VolumesByPriority = "Volumes by priority";
    public const string VolumesByChannel = "Volumes by channel";
    public const string Response = "Response within target";
    public const string Resolution = "Resolution within target";
    public const string OlaResponse = "OLA response by resolver group";
    public const string OlaResolution = "OLA resolution by resolver group";
    public const string Breaches = "Breaches";
    public const string BreachesByPriority = "Breaches by priority";
    public const string Backlog = "Backlog at month end";
    public const string BacklogAge = "Backlog by age";
    public const string Satisfaction = "Satisfaction";
    public const string TopCategories = "Top categories";
    public const string Problems = "Problems";
    public const string SelfService = Knowledge.SelfServiceFigures.Section;

    /// <summary>The sections in the order the report shows them.</summary>
    public static readonly IReadOnlyList<string> MeasureSections = [Response, Resolution, OlaResponse, OlaResolution, Breaches, Backlog, Satisfaction, .. ServiceMeasures.MeasureSections];
    public static readonly IReadOnlyList<string> CountSections = [VolumesByType, VolumesByPriority, VolumesByChannel, BreachesByPriority, BacklogAge, TopCategories, Problems, SelfService];

    public Measure? Find(string section, string label) => Measures.FirstOrDefault(m => m.Section == section && m.Label == label);
    public CountLine? Count(string section, string label) => Counts.FirstOrDefault(c => c.Section == section && c.Label == label);

    /// <summary>Adds last month's figures and the change since, matched by section and label.</summary>
    public SlaReportFigures WithPrevious(SlaReportFigures previous) => this with
    {
        Measures = Measures.Select(m => previous.Find(m.Section, m.Label) is { Value: double before } && m.Value is double now
            ? m with { Previous = before, Change = Math.Round(now - before, 1) }
            : m with { Previous = previous.Find(m.Section, m.Label)?.Value }).ToList(),
        Counts = Counts.Select(c => previous.Count(c.Section, c.Label) is { } before
            ? c with { Previous = before.Count, Change = c.Count - before.Count }
            : c with { Previous = 0, Change = c.Count }).ToList(),
    };

    /// <summary>Every figure as CSV: one row per measure or count, with target, RAG and last month's figure.</summary>
    public string ToCsv() => CsvSheet.Write(csv =>
    {
        csv.Texts(["Section", "Measure", "Value", "Count", "Of", "Target", "RAG", "Previous month", "Change"]).Next();
        foreach (var m in Measures)
            csv.Text(m.Section).Text(m.Label).Figure(m.Value, "0.##").Figure(m.Count).Figure(m.Of)
                .Text(m.Target ?? "").Text(ReportFormat.Status(m)).Figure(m.Previous).Figure(m.Change).Next();
        foreach (var c in Counts)
            csv.Text(c.Section).Text(c.Label).Figure(c.Count).Figure(c.Count).Figure((string?)null)
                .Text("").Text("").Figure(c.Previous).Figure(c.Change).Next();
        // Times: a mean row and a median row per priority or group, each with how many were measured.
        foreach (var t in Times)
        {
            csv.Text(t.Section).Text($"{t.Label} mean").Figure(t.MeanHours).Figure(t.Count).Figure(t.Count).Text("").Text("").Figure((string?)null).Figure((string?)null).Next();
            csv.Text(t.Section).Text($"{t.Label} median").Figure(t.MedianHours).Figure(t.Count).Figure(t.Count).Text("").Text("").Figure((string?)null).Figure((string?)null).Next();
        }
    });
}

/// <summary>How report figures and RAG statuses are written, the same in the email, the page and the CSV.</summary>
public static class ReportFormat
{
    public static string Word(Rag rag) => rag switch
    {
        Rag.Green => "Green",
        Rag.Amber => "Amber",
        Rag.Red => "Red",
        _ => "No target",
    };

    /// <summary>The status column: the RAG word, "No data" when a measure with a target had nothing to measure, "No target" otherwise.</summary>
    public static string Status(Measure m) => m.Target is null ? "No target" : m.Value is null ? "No data" : Word(m.Rag);

    /// <summary>Background and text colours with enough contrast; the word is always written too.</summary>
    public static (string Background, string Text) Colours(Rag rag) => rag switch
    {
        Rag.Green => ("#cce2d8", "#005a30"),
        Rag.Amber => ("#fff7bf", "#594d00"),
        Rag.Red => ("#f4cdc6", "#942514"),
        _ => ("#f3f2f1", "#0b0c0c"),
    };

    public static string Value(double? value, string unit) => value is not double v ? "No data" : unit switch
    {
        "percent" => v.ToString("0.##", CultureInfo.InvariantCulture) + " %",
        "pounds" => "£" + v.ToString("N0", CultureInfo.GetCultureInfo("en-GB")),
        "hours" => v.ToString("0.0", CultureInfo.InvariantCulture) + " h",
        "rating" => v.ToString("0.0", CultureInfo.InvariantCulture) + " of 5",
        _ => v.ToString("0.#", CultureInfo.InvariantCulture),
    };

    public static string Change(double? change, string unit) => change is not double c ? "" :
        (c > 0 ? "+" : c < 0 ? "−" : "±") + (unit == "pounds" ? "£" + Math.Abs(c).ToString("N0", CultureInfo.GetCultureInfo("en-GB"))
            : Math.Abs(c).ToString(unit == "rating" ? "0.0" : "0.##", CultureInfo.InvariantCulture)) + (unit == "percent" ? " points" : "");

    /// <summary>Business hours to one decimal place, or a dash when nothing was measured.</summary>
    public static string Hours(double? hours) => hours is double h ? h.ToString("0.0", CultureInfo.InvariantCulture) + " h" : "—";
}

/// <summary>
/// Computes the SLA report of one council (or the whole partnership) for one month, from its
/// tickets and problems. Pure: the same tickets and month always give the same figures.
/// <list type="bullet">
/// <item>Volumes: tickets logged in the month, by type, priority and channel.</item>
/// <item>Response and resolution within target, per priority: SLA clocks that were met, or breached, in
/// the month (a clock breached in the month counts even if the ticket is still open); OLA the same per
/// resolver group, every assignment counted.</item>
/// <item>Breaches: tickets with an SLA clock breached in the month, of the tickets measured.</item>
/// <item>Backlog: tickets open at the end of the month, by age in working days of their council's calendar.</item>
/// <item>Satisfaction: ratings given in the month. Top categories: incidents logged in the month.</item>
/// <item>Problems: those with incidents of the council, raised, resolved and open at month end.</item>
/// </list>
/// </summary>
public static class SlaReportCalculator
{
    /// <summary>The month's figures with last month's beside them (both from the same tickets).</summary>
    public static SlaReportFigures Compute(
        int? councilId, string? councilCode, string scope, ReportMonth month, DateTime computedAt,
        IReadOnlyList<ReportTicket> tickets, IReadOnlyList<ReportProblem> problems,
        Func<int, BusinessCalendar> calendarOfCouncil, TrendNames names, ReportOptions options,
        IReadOnlyList<ReportOutage>? outages = null, IReadOnlyList<Measure>? costs = null)
    {
        SlaReportFigures Of(ReportMonth m) => ComputeMonth(councilId, councilCode, scope, m, computedAt, tickets, problems, calendarOfCouncil, names, options, outages ?? []);
        var figures = Of(month).WithPrevious(Of(month.Previous));
        // Cost per user compares quarters, not months: its lines carry the quarter before already.
        return costs is null ? figures : figures with { Measures = [.. figures.Measures, .. costs] };
    }

    private static SlaReportFigures ComputeMonth(
        int? councilId, string? councilCode, string scope, ReportMonth month, DateTime computedAt,
        IReadOnlyList<ReportTicket> tickets, IReadOnlyList<ReportProblem> problems,
        Func<int, BusinessCalendar> calendarOfCouncil, TrendNames names, ReportOptions options, IReadOnlyList<ReportOutage> outages)
    {
        var mine = tickets.Where(t => councilId is null || t.CouncilId == councilId).ToList();
        var logged = mine.Where(t => month.Contains(t.CreatedAt)).ToList();
        var measures = new List<Measure>();
        var counts = new List<CountLine>();

        // Volumes.
        foreach (var type in Enum.GetValues<TicketType>())
            counts.Add(new(SlaReportFigures.VolumesByType, type == TicketType.Incident ? "Incidents" : "Service requests", logged.Count(t => t.Type == type)));
        counts.Add(new(SlaReportFigures.VolumesByType, "All tickets", logged.Count));
        foreach (var priority in Enum.GetValues<Priority>())
            counts.Add(new(SlaReportFigures.VolumesByPriority, priority.ToString(), logged.Count(t => t.Priority == priority)));
        foreach (var channel in Enum.GetValues<Channel>())
            counts.Add(new(SlaReportFigures.VolumesByChannel, channel.ToString(), logged.Count(t => t.Channel == channel)));

        // Response and resolution within target, per priority and overall.
        var within = options.WithinTarget;
        foreach (var (section, kind) in new[] { (SlaReportFigures.Response, ClockKind.Response), (SlaReportFigures.Resolution, ClockKind.Resolution) })
        {
            var concluded = mine.SelectMany(t => t.Clocks.Where(c => c.Kind == kind && Concluded(c, month)).Select(c => (t.Priority, Clock: c))).ToList();
            foreach (var priority in Enum.GetValues<Priority>())
                measures.Add(Percent(section, priority.ToString(), concluded.Where(c => c.Priority == priority).Select(c => c.Clock), within));
            measures.Add(Percent(section, "All priorities", concluded.Select(c => c.Clock), within));
        }

        // OLA by resolver group.
        foreach (var (section, kind) in new[] { (SlaReportFigures.OlaResponse, ClockKind.OlaResponse), (SlaReportFigures.OlaResolution, ClockKind.OlaResolution) })
        {
            var concluded = mine.SelectMany(t => t.Clocks.Where(c => c.Kind == kind && c.ResolverGroupId is not null && Concluded(c, month))).ToList();
            foreach (var group in concluded.GroupBy(c => c.ResolverGroupId!.Value).OrderBy(g => GroupName(names, g.Key), StringComparer.Ordinal))
                measures.Add(Percent(section, GroupName(names, group.Key), group, within));
        }

        // Breaches: tickets with an SLA clock breached in the month, of the tickets with a clock concluded in it.
        var measured = mine.Where(t => t.Clocks.Any(c => !IsOla(c) && Concluded(c, month))).ToList();
        var breached = measured.Where(t => t.Clocks.Any(c => !IsOla(c) && month.Contains(c.BreachedAt))).ToList();
        measures.Add(Ratio(SlaReportFigures.Breaches, "Tickets that breached an SLA target", "percent", breached.Count, measured.Count, options.Breached));
        foreach (var priority in Enum.GetValues<Priority>())
            counts.Add(new(SlaReportFigures.BreachesByPriority, priority.ToString(), breached.Count(t => t.Priority == priority)));

        // Backlog and its age at the end of the month.
        var end = month.EndUtc;
        var open = mine.Where(t => t.OpenAt(end)).Select(t =>
        {
            var calendar = calendarOfCouncil(t.CouncilId);
            return calendar.BusinessMinutesBetween(t.CreatedAt, end) / calendar.MinutesPerDay;
        }).ToList();
        var aged = options.AgedBacklogDays;
        measures.Add(Ratio(SlaReportFigures.Backlog, $"Open tickets older than {aged} working days", "percent", open.Count(d => d >= aged), open.Count, options.AgedBacklog));
        counts.Add(new(SlaReportFigures.BacklogAge, "Under 5 working days", open.Count(d => d < 5)));
        counts.Add(new(SlaReportFigures.BacklogAge, $"5 to {aged - 1} working days", open.Count(d => d >= 5 && d < aged)));
        counts.Add(new(SlaReportFigures.BacklogAge, $"{aged} working days or more", open.Count(d => d >= aged)));
        counts.Add(new(SlaReportFigures.BacklogAge, "All open tickets", open.Count));

        // Satisfaction: ratings given in the month.
        var ratings = mine.Where(t => t.Rating is not null && month.Contains(t.RatedAt)).Select(t => t.Rating!.Value).ToList();
        double? mean = ratings.Count == 0 ? null : Math.Round(ratings.Average(), 1, MidpointRounding.AwayFromZero);
        measures.Add(new(SlaReportFigures.Satisfaction, "Mean rating", "rating", mean, ratings.Count, ratings.Count,
            options.Satisfaction.Describe("rating"), options.Satisfaction.Judge(mean)));
        measures.Add(Ratio(SlaReportFigures.Satisfaction, "Satisfied (rated 4 or 5)", "percent", ratings.Count(r => r >= 4), ratings.Count, null));

        // Top categories of the incidents logged in the month.
        foreach (var top in logged.Where(t => t.Type == TicketType.Incident)
                     .GroupBy(t => names.Category(t.ServiceId, t.CategoryId))
                     .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(options.TopCategories))
            counts.Add(new(SlaReportFigures.TopCategories, top.Key, top.Count()));

        // Problems behind the council's incidents.
        var ours = problems.Select(p => (Problem: p, Incidents: p.Incidents.Count(i => councilId is null || i.CouncilId == councilId)))
            .Where(p => p.Incidents > 0).ToList();
        counts.Add(new(SlaReportFigures.Problems, "Raised", ours.Count(p => month.Contains(p.Problem.CreatedAt))));
        counts.Add(new(SlaReportFigures.Problems, "Resolved", ours.Count(p => month.Contains(p.Problem.ResolvedAt))));
        var openProblems = ours.Where(p => p.Problem.CreatedAt < end && (p.Problem.ResolvedAt is not DateTime r || r >= end)).ToList();
        counts.Add(new(SlaReportFigures.Problems, "Open at month end", openProblems.Count));
        counts.Add(new(SlaReportFigures.Problems, "Incidents linked to open problems", openProblems.Sum(p => p.Incidents)));

        // The measures partner boards benchmark on (their own sections).
        ServiceMeasures.AddContactMeasures(measures, mine, month, options);
        ServiceMeasures.AddAvailability(measures, outages, month, names, options);
        var times = ServiceMeasures.Times(mine, month, calendarOfCouncil, names, measures);

        return new SlaReportFigures(month.ToString(), councilCode, scope, computedAt, measures, counts) { Times = times };
    }

    private static bool IsOla(ReportClock c) => c.Kind is ClockKind.OlaResponse or ClockKind.OlaResolution;

    /// <summary>A clock concluded in the month: met in it, or breached in it.</summary>
    private static bool Concluded(ReportClock c, ReportMonth month) =>
        c.BreachedAt is DateTime breached ? month.Contains(breached) : month.Contains(c.MetAt);

    private static Measure Percent(string section, string label, IEnumerable<ReportClock> clocks, RagRule rule)
    {
        var list = clocks.ToList();
        return Ratio(section, label, "percent", list.Count(c => c.BreachedAt is null), list.Count, rule);
    }

    private static Measure Ratio(string section, string label, string unit, int count, int of, RagRule? rule)
    {
        double? value = of == 0 ? null : Math.Round(100.0 * count / of, 1, MidpointRounding.AwayFromZero);
        return new Measure(section, label, unit, value, count, of, rule?.Describe(unit), rule?.Judge(value) ?? Rag.None);
    }

    private static string GroupName(TrendNames names, int id) => names.Groups.TryGetValue(id, out var name) ? name : $"Group #{id}";
}
