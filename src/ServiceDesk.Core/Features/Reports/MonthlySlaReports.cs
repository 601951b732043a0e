using System.Text.Json;
using System.Text.Json.Serialization;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ServiceDesk.Core.Abstractions;
using ServiceDesk.Core.Access;
using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Domain.Calendars;
using ServiceDesk.Core.Domain.Reports;
using ServiceDesk.Core.Features.Problems;
using ServiceDesk.Core.Features.Sla;

namespace ServiceDesk.Core.Features.Reports;

/// <summary>A stored or freshly computed SLA report, with when it was mailed and sent again.</summary>
public sealed record SlaReportView(SlaReportFigures Figures, bool Stored, DateTime? MailedAt, DateTime? ResentAt);

/// <summary>
/// Computes, stores and mails SLA reports: one per council per month, and one for the partnership
/// (no council). A month's report is computed once and stored; later views and re-sends use the
/// stored figures, so partners always see what they were sent.
/// </summary>
public sealed class SlaReportBook(IServiceDeskDb db, SlaPolicyBook calendars, SlaReportMail mail, IOptions<ReportOptions> options,
    Recharges.RechargeBook recharges, IOptions<Recharges.RechargeOptions> rechargeOptions)
{
    public const string PartnershipScope = "Shared ICT partnership";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public async Task<SlaReportFigures> ComputeAsync(Council? council, ReportMonth month, DateTime now, CancellationToken ct)
    {
        var from = month.Previous.StartUtc;
        var end = month.EndUtc;
        // Every ticket that can count in this month or the one before: logged by its end and not finished before the earlier month began.
        var query = db.Tickets.AsNoTracking().Include(t => t.Clocks)
            .Where(t => t.CreatedAt < end && ((t.ResolvedAt == null && t.ClosedAt == null) || t.ResolvedAt >= from || t.ClosedAt >= from || t.RatedAt >= from));
        if (council is not null) query = query.Where(t => t.CouncilId == council.Id);
        var tickets = (await query.ToListAsync(ct)).Select(ReportTicket.From).ToList();

        var links = await (from link in db.ProblemIncidents.AsNoTracking()
                           join ticket in db.Tickets.AsNoTracking() on link.TicketId equals ticket.Id
                           select new { link.ProblemId, link.TicketId, ticket.CouncilId }).ToListAsync(ct);
        var problems = (await db.Problems.AsNoTracking().Where(p => p.CreatedAt < end)
                .Select(p => new { p.Id, p.CreatedAt, p.ResolvedAt }).ToListAsync(ct))
            .Select(p => new ReportProblem(p.Id, p.CreatedAt, p.ResolvedAt,
                links.Where(l => l.ProblemId == p.Id).Select(l => (l.TicketId, l.CouncilId)).ToList()))
            .ToList();

        var councilCalendars = new Dictionary<int, BusinessCalendar>();
        foreach (var id in tickets.Select(t => t.CouncilId).Distinct())
            councilCalendars[id] = await calendars.CalendarOfCouncilAsync(id, ct);
        var names = await TrendNames.LoadAsync(db, ct);

        // Major-incident outages of shared services, every council's: availability is the partnership's.
        var outages = (await db.Tickets.AsNoTracking()
            .Where(t => t.OutageStartedAt != null && t.OutageStartedAt < end && (t.OutageEndedAt == null || t.OutageEndedAt >= from))
            .Select(t => new { t.ServiceId, t.OutageServiceIds, Started = t.OutageStartedAt!.Value, Ended = t.OutageEndedAt }).ToListAsync(ct))
            // One outage may take down several services: each one's availability counts it.
            .SelectMany(t => (t.OutageServiceIds.Count > 0 ? t.OutageServiceIds : [t.ServiceId]).Select(s => new ReportOutage(s, t.Started, t.Ended)))
            .ToList();

        var figures = SlaReportCalculator.Compute(council?.Id, council?.Code, council?.Name ?? PartnershipScope, month, now,
            tickets, problems, id => councilCalendars[id], names, options.Value, outages, await CostsAsync(council, month, ct));
        // Self-service (knowledge articles) is its own block of counts.
        return figures with { Counts = [.. figures.Counts, .. await Knowledge.SelfServiceFigures.CountAsync(db, council?.Id, month, ct)] };
    }

    /// <summary>
    /// Cost per user a year of the council (or each council, for the partnership) in the last quarter complete
    /// by the month's end, with the quarter before; none when the partnership has no essential base cost for it.
    /// </summary>
    private async Task<List<Measure>> CostsAsync(Council? council, ReportMonth month, CancellationToken ct)
    {
        var start = rechargeOptions.Value.StartMonth;
        var quarter = Recharges.Quarter.Containing(month.FirstDay.AddMonths(1), start).Previous;
        var lines = new List<Measure>();
        if (rechargeOptions.Value.BaseCostOf(quarter.Year) <= 0) return lines;
        var councils = council is not null ? [council] : await db.Councils.AsNoTracking().Where(c => c.WithdrawnAt == null).OrderBy(c => c.Code).ToListAsync(ct);
        foreach (var c in councils)
        {
            var now = await recharges.StatementAsync(c, quarter, ct);
            decimal? before = null;
            if (rechargeOptions.Value.BaseCostOf(quarter.Previous.Year) > 0)
            {
                var previous = await recharges.StatementAsync(c, quarter.Previous, ct);
                if (previous.ActiveUsers > 0) before = Math.Round(previous.EssentialAndEnhanced * 4 / previous.ActiveUsers, 0, MidpointRounding.AwayFromZero);
            }
            lines.Add(ServiceMeasures.CostLine(c.Code, now.QuarterName, now.Essential.Amount, now.EssentialAndEnhanced - now.Essential.Amount, now.ActiveUsers, before, options.Value));
        }
        return lines;
    }

    public Task<MonthlyReport?> FindAsync(Council? council, ReportMonth month, CancellationToken ct)
    {
        var scope = council?.Id ?? MonthlyReport.PartnershipScope;
        var key = month.ToString();
        return db.MonthlyReports.FirstOrDefaultAsync(r => r.ScopeKey == scope && r.Month == key, ct);
    }

    /// <summary>The stored report of a finished month, computed and stored the first time it is asked for.</summary>
    public async Task<MonthlyReport> GetOrCreateAsync(Council? council, ReportMonth month, DateTime now, CancellationToken ct)
    {
        if (await FindAsync(council, month, ct) is { } stored) return stored;
        var figures = await ComputeAsync(council, month, now, ct);
        var report = new MonthlyReport(council?.Id, month.ToString(), JsonSerializer.Serialize(figures, Json), now);
        db.MonthlyReports.Add(report);
        await db.SaveChangesAsync(ct);
        return report;
    }

    public static SlaReportFigures FiguresOf(MonthlyReport report) =>
        JsonSerializer.Deserialize<SlaReportFigures>(report.FiguresJson, Json) ?? throw new InvalidOperationException($"Report {report.Id} has no figures.");

    /// <summary>Writes the report's email to each recipient into the outbox (saved by the caller); how many.</summary>
    public async Task<int> QueueMailAsync(Council? council, MonthlyReport report, DateTime now, CancellationToken ct)
    {
        var recipients = council is not null ? council.ReportRecipients.ToList()
            : options.Value.PartnershipRecipients.Count > 0 ? options.Value.PartnershipRecipients.Select(r => r.Trim().ToLowerInvariant()).ToList()
            : await db.People.AsNoTracking()
                .Where(p => p.MainCouncilId == null && (p.Roles & PersonRoles.ServiceManager) == PersonRoles.ServiceManager)
                .OrderBy(p => p.Id).Select(p => p.Email).ToListAsync(ct);
        var people = await db.People.AsNoTracking().Where(p => recipients.Contains(p.Email)).ToDictionaryAsync(p => p.Email, p => p.Id, ct);
        var figures = FiguresOf(report);
        foreach (var to in recipients.Distinct())
            db.Notifications.Add(mail.Compose(figures, people.TryGetValue(to, out var id) ? id : null, to, now));
        return recipients.Distinct().Count();
    }

    /// <summary>The council named by its code, or the caller's own when none is named (the partnership for shared ICT staff).</summary>
    public async Task<Council?> ScopeAsync(Viewer viewer, string? code, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(code) && viewer.SeesAllCouncils) return null;
        var wanted = code?.Trim().ToUpperInvariant();
        var main = viewer.Person.MainCouncilId;
        var council = await db.Councils.AsNoTracking().FirstOrDefaultAsync(c => wanted == null ? c.Id == main : c.Code == wanted, ct)
            ?? throw new NotFoundException($"SLA report for {wanted ?? "your council"}");
        // A council's figures are for shared ICT staff and that council's approvers and report recipients; to anyone else they do not exist.
        var mayRead = viewer.SeesAllCouncils
            || viewer.CouncilIds.Contains(council.Id) && (viewer.Person.IsApproverFor(council.Id) || council.ReportRecipients.Contains(viewer.Person.Email));
        if (!mayRead) throw new NotFoundException($"SLA report for {wanted ?? "your council"}");
        return council;
    }
}

internal static class ReportRules
{
    public static IRuleBuilderOptions<T, string?> ReportMonthText<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(m => ReportMonth.TryParse(m, out _)).WithMessage("month is required: a month as yyyy-MM, e.g. 2026-10.");

    public static IRuleBuilderOptions<T, string?> CouncilCode<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MaximumLength(10).WithMessage("council must be a council's short code, e.g. MBC.");
}

/// <summary>
/// One SLA report: a council's (by code), or the partnership's (no council; shared ICT staff). A
/// council's approvers and report recipients read their own council's; anyone else gets 404. A month
/// not yet stored (this month so far, or one before reports began) is computed without storing it.
/// </summary>
public sealed record GetSlaReport(string? Council, string? Month) : IRequest<SlaReportView>;

public sealed class GetSlaReportValidator : AbstractValidator<GetSlaReport>
{
    public GetSlaReportValidator()
    {
        RuleFor(x => x.Month).ReportMonthText();
        RuleFor(x => x.Council).CouncilCode();
    }
}

public sealed class GetSlaReportHandler(SlaReportBook book, ViewerLoader viewers, TimeProvider time) : IRequestHandler<GetSlaReport, SlaReportView>
{
    public async Task<SlaReportView> Handle(GetSlaReport request, CancellationToken ct)
    {
        var viewer = await viewers.LoadAsync(ct);
        var council = await book.ScopeAsync(viewer, request.Council, ct);
        ReportMonth.TryParse(request.Month, out var month);
        var now = time.GetUtcNow().UtcDateTime;
        if (month.FirstDay > ReportMonth.Containing(now).FirstDay)
            throw new FieldException("month", $"{month.Name} has not started yet.");
        if (await book.FindAsync(council, month, ct) is { } stored)
            return new SlaReportView(SlaReportBook.FiguresOf(stored), true, stored.MailedAt, stored.ResentAt);
        return new SlaReportView(await book.ComputeAsync(council, month, now, ct), false, null, null);
    }
}

/// <summary>A service manager sends a past month's report again to its recipients (stored first if it never was); how many emails.</summary>
public sealed record ResendSlaReport(string? Council, string? Month) : IRequest<int>;

public sealed class ResendSlaReportValidator : AbstractValidator<ResendSlaReport>
{
    public ResendSlaReportValidator()
    {
        RuleFor(x => x.Month).ReportMonthText();
        RuleFor(x => x.Council).CouncilCode();
    }
}

public sealed class ResendSlaReportHandler(IServiceDeskDb db, SlaReportBook book, ViewerLoader viewers, TimeProvider time) : IRequestHandler<ResendSlaReport, int>
{
    public async Task<int> Handle(ResendSlaReport request, CancellationToken ct)
    {
        var viewer = await viewers.LoadAsync(ct);
        var council = await book.ScopeAsync(viewer, request.Council, ct);
        viewer.RequireServiceManager("Only service managers can send SLA reports again.");
        ReportMonth.TryParse(request.Month, out var month);
        var now = time.GetUtcNow().UtcDateTime;
        if (month.FirstDay >= ReportMonth.Containing(now).FirstDay)
            throw new FieldException("month", $"{month.Name} is not over yet; only a past month's report can be sent.");
        var sent = 0;
        await db.InTransactionAsync(async () =>
        {
            var report = await book.GetOrCreateAsync(council, month, now, ct);
            sent = await book.QueueMailAsync(council, report, now, ct);
            report.MarkResent(now);
            await db.SaveChangesAsync(ct);
        }, ct);
        return sent;
    }
}

/// <summary>
/// The monthly run (a daily job at 07:00 Europe/London): on or after the first working day of a month
/// in the standard calendar (bank holidays do not count), stores last month's report of every council
/// and of the partnership and mails each to its recipients once. Idempotent: a report already mailed
/// is never mailed again by this run. Returns how many emails were written.
/// </summary>
public sealed record SendMonthlySlaReports : IRequest<int>;

public sealed class SendMonthlySlaReportsHandler(IServiceDeskDb db, SlaReportBook book, TimeProvider time, IOptions<ReportOptions> options)
    : IRequestHandler<SendMonthlySlaReports, int>
{
    public async Task<int> Handle(SendMonthlySlaReports request, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var today = PartnershipTime.LocalDate(now);
        var calendar = await db.Calendars.AsNoTracking().Include(c => c.ClosureDays)
            .OrderBy(c => c.Name == options.Value.CalendarName ? 0 : 1).ThenBy(c => c.Id).FirstAsync(ct);
        if (today < FirstWorkingDay(calendar, ReportMonth.Of(today))) return 0;

        var month = ReportMonth.Of(today).Previous;
        var councils = await db.Councils.AsNoTracking().OrderBy(c => c.Code).ToListAsync(ct);
        var written = 0;
        foreach (var council in councils.Cast<Council?>().Append(null))
        {
            await db.InTransactionAsync(async () =>
            {
                var report = await book.GetOrCreateAsync(council, month, now, ct);
                if (report.MailedAt is not null) return;
                written += await book.QueueMailAsync(council, report, now, ct);
                report.MarkMailed(now);
                await db.SaveChangesAsync(ct);
            }, ct);
        }
        return written;
    }

    /// <summary>The first day of the month the calendar works (a bank holiday on the 1st moves it on).</summary>
    public static DateOnly FirstWorkingDay(BusinessCalendar calendar, ReportMonth month)
    {
        var day = month.FirstDay;
        while (!calendar.IsBusinessDay(day)) day = day.AddDays(1);
        return day;
    }
}
