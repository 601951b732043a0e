using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Domain.Tickets;
using ServiceDesk.Core.Features.Problems;
using ServiceDesk.Core.Features.Reports;

namespace ServiceDesk.Domain.Tests;

/// <summary>
/// The SLA report of a hand-computed month: Maidstone in December 2026 (London is on GMT, so local
/// time is UTC), with the Christmas bank holidays (Friday 25 and Monday 28 December) and a ticket
/// paused while awaiting the customer. Every figure below is worked out by hand in the comments.
/// </summary>
public sealed class SlaReportTests
{
    private static readonly ReportMonth December = new(2026, 12);

    /// <summary>
    /// E: P3 incident, 2 Nov, answered and resolved the same morning (November's figures).
    /// C: P4 service request, Mon 30 Nov 10:00, never touched: response due Tue 1 Dec 10:00 (one working
    ///    day), resolution due Mon 7 Dec 10:00 (five), both breached in December; open at the month's end,
    ///    aged 420 minutes on 30 Nov + 21 working days of December = 21 working days.
    /// B: P3 incident, Tue 1 Dec 10:00, answered 11:00 (met) and put awaiting the customer until Thu 3 Dec
    ///    11:00: two working days paused, so resolution (three working days) moves from Fri 4 Dec 10:00 to
    ///    Tue 8 Dec 10:00 and resolving on Mon 7 Dec 16:00 meets it. Rated 5 on 8 Dec.
    /// D: a Swale ticket in December: never in Maidstone's figures, only the partnership's.
    /// A: P2 incident, Thu 24 Dec 16:00: response due 17:00 the same day (one hour), taken Tue 29 Dec 09:00,
    ///    breached. Resolution (eight hours) has 1 hour on the 24th, then the bank holidays and weekend, so is
    ///    due Tue 29 Dec 15:30; resolved at 15:00: met (without the bank holidays it was due on the 25th).
    /// </summary>
    internal static (ClockDesk Desk, List<Ticket> Tickets) December2026()
    {
        var desk = new ClockDesk(ClockDesk.Utc(2026, 11, 2, 10, 0));
        var d = desk.Desk;
        var e = desk.Raise(Priority.P3);
        desk.At(ClockDesk.Utc(2026, 11, 2, 10, 30));
        desk.Reply(e, d.Agent, authorIsStaff: true);
        desk.At(ClockDesk.Utc(2026, 11, 2, 12, 0));
        desk.Resolve(e, d.Agent);

        desk.At(ClockDesk.Utc(2026, 11, 30, 10, 0));
        var c = desk.Raise(Priority.P4, type: TicketType.ServiceRequest);

        desk.At(ClockDesk.Utc(2026, 12, 1, 10, 0));
        var b = desk.Raise(Priority.P3);
        desk.At(ClockDesk.Utc(2026, 12, 1, 11, 0));
        desk.Reply(b, d.Agent, authorIsStaff: true);
        desk.ChangeStatus(b, TicketStatus.AwaitingCustomer, d.Agent);

        desk.At(ClockDesk.Utc(2026, 12, 2, 10, 0));
        var swale = desk.Raise(Priority.P3, requester: d.SwaleRequester);
        desk.At(ClockDesk.Utc(2026, 12, 2, 12, 0));
        desk.Reply(swale, d.Agent, authorIsStaff: true);
        desk.Resolve(swale, d.Agent);

        desk.At(ClockDesk.Utc(2026, 12, 3, 11, 0));
        desk.Reply(b, d.MaidstoneRequester, authorIsStaff: false);
        desk.At(ClockDesk.Utc(2026, 12, 7, 16, 0));
        desk.Resolve(b, d.Agent);
        desk.At(ClockDesk.Utc(2026, 12, 8, 9, 0));
        b.Rate(5, "Sorted quickly once I replied.", d.MaidstoneRequester, desk.Now);

        desk.At(ClockDesk.Utc(2026, 12, 24, 16, 0));
        var a = desk.Raise(Priority.P2);
        desk.At(ClockDesk.Utc(2026, 12, 29, 9, 0));
        desk.Take(a, d.Agent);
        desk.At(ClockDesk.Utc(2026, 12, 29, 15, 0));
        desk.Resolve(a, d.Agent);

        // The sweep runs on the last day of the month: C's breaches are recorded at the instants they fell due.
        desk.At(ClockDesk.Utc(2026, 12, 31, 12, 0));
        desk.Update(c);
        return (desk, [e, c, b, swale, a]);
    }

    private static SlaReportFigures Report(ClockDesk desk, IEnumerable<Ticket> tickets, Council? council) =>
        SlaReportCalculator.Compute(council?.Id, council?.Code, council?.Name ?? "Partnership", December, desk.Now,
            tickets.Select(ReportTicket.From).ToList(), [], _ => desk.Calendar,
            new TrendNames(
                new Dictionary<int, string> { [20] = "Desktop hardware", [21] = "Password and account access" },
                new Dictionary<int, string>(),
                new Dictionary<int, string> { [1] = "SBC", [2] = "MBC" },
                new Dictionary<int, string> { [10] = "Service Desk", [11] = "Swale on-site desktop", [12] = "Maidstone on-site desktop" }),
            new ReportOptions());

    [Fact]
    public void Volumes_count_the_council_tickets_logged_in_the_month_with_the_change_since_last_month()
    {
        var (desk, tickets) = December2026();
        var report = Report(desk, tickets, desk.Desk.Maidstone);

        Assert.Equal("2026-12", report.Month);
        // December: A and B (Maidstone incidents); November: E (incident) and C (request). Swale's D never counts.
        Assert.Equal(new CountLine(SlaReportFigures.VolumesByType, "All tickets", 2, 2, 0), report.Count(SlaReportFigures.VolumesByType, "All tickets"));
        Assert.Equal(new CountLine(SlaReportFigures.VolumesByType, "Incidents", 2, 1, 1), report.Count(SlaReportFigures.VolumesByType, "Incidents"));
        Assert.Equal(0, report.Count(SlaReportFigures.VolumesByType, "Service requests")!.Count);
        Assert.Equal(1, report.Count(SlaReportFigures.VolumesByPriority, "P2")!.Count);
        Assert.Equal(1, report.Count(SlaReportFigures.VolumesByPriority, "P3")!.Count);
        Assert.Equal(2, report.Count(SlaReportFigures.VolumesByChannel, "Portal")!.Count);
        Assert.Equal(new CountLine(SlaReportFigures.TopCategories, "Desktop hardware / (no category)", 2, 1, 1),
            report.Count(SlaReportFigures.TopCategories, "Desktop hardware / (no category)"));
    }

    [Fact]
    public void Response_and_resolution_within_target_per_priority_count_bank_holidays_and_pauses()
    {
        var (desk, tickets) = December2026();
        var report = Report(desk, tickets, desk.Desk.Maidstone);

        // Response: A breached on 24 Dec, B met, C breached on 1 Dec: 1 of 3. November: E met, 1 of 1.
        var response = report.Find(SlaReportFigures.Response, "All priorities")!;
        Assert.Equal((33.3, 1, 3, Rag.Red, 100.0, -66.7), (response.Value, response.Count, response.Of, response.Rag, response.Previous, response.Change));
        Assert.Equal("at least 95 %", response.Target);
        Assert.Equal((0.0, Rag.Red), (report.Find(SlaReportFigures.Response, "P2")!.Value, report.Find(SlaReportFigures.Response, "P2")!.Rag));
        Assert.Equal((100.0, Rag.Green), (report.Find(SlaReportFigures.Response, "P3")!.Value, report.Find(SlaReportFigures.Response, "P3")!.Rag));
        var p1 = report.Find(SlaReportFigures.Response, "P1")!;
        Assert.Equal((null, 0, Rag.None), (p1.Value, p1.Of, p1.Rag));

        // Resolution: A met thanks to the bank holidays, B met thanks to the pause, C breached: 2 of 3.
        var resolution = report.Find(SlaReportFigures.Resolution, "All priorities")!;
        Assert.Equal((66.7, 2, 3, Rag.Red), (resolution.Value, resolution.Count, resolution.Of, resolution.Rag));
        Assert.Equal(100.0, report.Find(SlaReportFigures.Resolution, "P2")!.Value);
        Assert.Equal(100.0, report.Find(SlaReportFigures.Resolution, "P3")!.Value);
        Assert.Equal(0.0, report.Find(SlaReportFigures.Resolution, "P4")!.Value);
    }

    [Fact]
    public void Ola_breaches_backlog_and_satisfaction_are_reported_with_their_targets()
    {
        var (desk, tickets) = December2026();
        var report = Report(desk, tickets, desk.Desk.Maidstone);

        // OLA response (30 min for P2, 2 h for P3): A breached on 24 Dec, B met; C's fell due in November.
        var olaResponse = report.Find(SlaReportFigures.OlaResponse, "Service Desk")!;
        Assert.Equal((50.0, 1, 2, Rag.Red), (olaResponse.Value, olaResponse.Count, olaResponse.Of, olaResponse.Rag));
        // OLA resolution: A (6 h, due 29 Dec 13:30), B (2 days + pause, due 7 Dec 10:00), C (4 days, due 4 Dec 10:00) all breached.
        Assert.Equal((0.0, 0, 3), (report.Find(SlaReportFigures.OlaResolution, "Service Desk")!.Value,
            report.Find(SlaReportFigures.OlaResolution, "Service Desk")!.Count, report.Find(SlaReportFigures.OlaResolution, "Service Desk")!.Of));

        // Breaches: A and C of the three tickets measured.
        var breached = report.Find(SlaReportFigures.Breaches, "Tickets that breached an SLA target")!;
        Assert.Equal((66.7, 2, 3, Rag.Red, "at most 5 %"), (breached.Value, breached.Count, breached.Of, breached.Rag, breached.Target));
        Assert.Equal(1, report.Count(SlaReportFigures.BreachesByPriority, "P2")!.Count);
        Assert.Equal(1, report.Count(SlaReportFigures.BreachesByPriority, "P4")!.Count);

        // Backlog at midnight 1 January: C alone, 21 working days old.
        Assert.Equal(1, report.Count(SlaReportFigures.BacklogAge, "All open tickets")!.Count);
        Assert.Equal(1, report.Count(SlaReportFigures.BacklogAge, "20 working days or more")!.Count);
        var aged = report.Find(SlaReportFigures.Backlog, "Open tickets older than 20 working days")!;
        Assert.Equal((100.0, Rag.Red), (aged.Value, aged.Rag));

        // Satisfaction: B rated 5 in December.
        var rating = report.Find(SlaReportFigures.Satisfaction, "Mean rating")!;
        Assert.Equal((5.0, 1, Rag.Green, "at least 4.0 of 5"), (rating.Value, rating.Count, rating.Rag, rating.Target));
    }

    [Fact]
    public void The_partnership_report_adds_every_council()
    {
        var (desk, tickets) = December2026();
        var report = Report(desk, tickets, null);

        // Swale's D (raised, answered and resolved on 2 Dec, within target) joins Maidstone's A and B.
        Assert.Equal(3, report.Count(SlaReportFigures.VolumesByType, "All tickets")!.Count);
        var response = report.Find(SlaReportFigures.Response, "All priorities")!;
        Assert.Equal((2, 4), (response.Count, response.Of));
        Assert.NotNull(report.Find(SlaReportFigures.OlaResponse, "Swale on-site desktop"));
    }

    [Fact]
    public void The_csv_has_a_row_per_measure_with_target_rag_and_change()
    {
        var (desk, tickets) = December2026();
        var csv = Report(desk, tickets, desk.Desk.Maidstone).ToCsv().Split("\r\n");

        Assert.Equal("Section,Measure,Value,Count,Of,Target,RAG,Previous month,Change", csv[0]);
        Assert.Contains("Response within target,All priorities,33.3,1,3,at least 95 %,Red,100,-66.7", csv);
        Assert.Contains("Volumes by type,Incidents,2,2,,,,1,1", csv);
    }

    [Theory]
    [InlineData(100, Rag.Green)]
    [InlineData(95, Rag.Green)]
    [InlineData(94.95, Rag.Green)] // shown as 95.0 %, judged as shown
    [InlineData(94.9, Rag.Amber)]
    [InlineData(90, Rag.Amber)]
    [InlineData(89.9, Rag.Red)]
    [InlineData(0, Rag.Red)]
    public void Within_target_is_green_at_95_amber_down_to_90_and_red_below(double value, Rag expected) =>
        Assert.Equal(expected, new ReportOptions().WithinTarget.Judge(value));

    [Theory]
    [InlineData(0, Rag.Green)]
    [InlineData(5, Rag.Green)]
    [InlineData(5.1, Rag.Amber)]
    [InlineData(10, Rag.Amber)]
    [InlineData(10.1, Rag.Red)]
    public void Breaches_are_green_at_5_percent_or_fewer_amber_up_to_10_and_red_above(double value, Rag expected) =>
        Assert.Equal(expected, new ReportOptions().Breached.Judge(value));

    [Theory]
    [InlineData(4.0, Rag.Green)]
    [InlineData(3.9, Rag.Amber)]
    [InlineData(3.5, Rag.Amber)]
    [InlineData(3.4, Rag.Red)]
    public void Satisfaction_is_green_from_4_amber_from_3_5_and_red_below(double value, Rag expected) =>
        Assert.Equal(expected, new ReportOptions().Satisfaction.Judge(value));

    [Fact]
    public void A_measure_without_data_has_no_rag() =>
        Assert.Equal(Rag.None, new ReportOptions().WithinTarget.Judge(null));

    [Theory]
    [InlineData("2026-10", true)]
    [InlineData("2026-13", false)]
    [InlineData("2026-1", false)]
    [InlineData("October", false)]
    [InlineData("", false)]
    public void A_month_is_written_yyyy_MM(string text, bool valid) =>
        Assert.Equal(valid, ReportMonth.TryParse(text, out _));
}
