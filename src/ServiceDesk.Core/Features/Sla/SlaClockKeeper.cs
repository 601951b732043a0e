using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ServiceDesk.Core.Abstractions;
using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Domain.Calendars;
using ServiceDesk.Core.Domain.Notifications;
using ServiceDesk.Core.Domain.Sla;
using ServiceDesk.Core.Domain.Tickets;

namespace ServiceDesk.Core.Features.Sla;

/// <summary>SLA settings (ServiceDesk:Sla).</summary>
public sealed class SlaOptions
{
    public const string Section = "ServiceDesk:Sla";

    /// <summary>How far through a target the warning comes (0.75 = at 75 % elapsed).</summary>
    public double WarningAt { get; set; } = 0.75;
}

/// <summary>
/// Finds the terms that apply to a ticket: its council's calendar, the SLA targets of its
/// service tier and priority (the strictest where several apply) and its group's OLA, from the
/// node's copy of the reference rows (<see cref="SlaReferenceData"/>), taken once per scope.
/// </summary>
public sealed class SlaPolicyBook(IServiceDeskDb db, IOptions<SlaOptions> options, SlaReferenceData reference)
{
    private SlaReferenceData.Snapshot? _rows;

    private async ValueTask<SlaReferenceData.Snapshot> RowsAsync(CancellationToken ct) =>
        _rows ??= await reference.ReadAsync(db, ct);

    public async Task<SlaTerms> TermsForAsync(Ticket ticket, CancellationToken ct)
    {
        var rows = await RowsAsync(ct);
        var calendar = await CalendarForAsync(ticket, ct);

        var tier = rows.Tiers[ticket.ServiceId];
        var candidates = rows.Sla.TryGetValue((tier, ticket.Priority), out var target) ? [target] : new List<SlaTarget>();
        if (candidates.Count == 0) candidates.AddRange(SlaTarget.Defaults().Where(d => d.Tier == tier && d.Priority == ticket.Priority));
        // Where several targets apply, the strictest wins.
        var response = candidates.Select(c => c.Response).MinBy(t => t.ToMinutes(calendar));
        var resolution = candidates.Select(c => c.Resolution).MinBy(t => t.ToMinutes(calendar));

        OlaTarget? ola = null;
        if (ticket.ResolverGroupId is int group) rows.Ola.TryGetValue((group, ticket.Priority), out ola);
        return new SlaTerms(calendar, response, resolution, ola?.Response, ola?.Resolution, options.Value.WarningAt);
    }

    /// <summary>The calendar a ticket's clocks count in: the partnership's 24×7 one for P1 and major incidents, else its council's.</summary>
    public Task<BusinessCalendar> CalendarForAsync(Ticket ticket, CancellationToken ct) =>
        ticket.RunsAroundTheClock ? MajorIncidentCalendarAsync(ct) : CalendarOfCouncilAsync(ticket.CouncilId, ct);

    /// <summary>The calendar chosen for P1 and major incidents (ServiceDesk's setting), by default 24×7.</summary>
    public async Task<BusinessCalendar> MajorIncidentCalendarAsync(CancellationToken ct) => (await RowsAsync(ct)).AroundTheClock;

    public async Task<BusinessCalendar> CalendarOfCouncilAsync(int councilId, CancellationToken ct)
    {
        var rows = await RowsAsync(ct);
        return rows.Calendars[rows.CouncilCalendars[councilId]];
    }
}

/// <summary>
/// Keeps a ticket's clocks in step before each save, and writes a notification to the outbox for
/// each warning or breach (to the ticket's owner and the resolver group's lead), in the same
/// transaction as the change.
/// </summary>
public sealed class SlaClockKeeper(IServiceDeskDb db, SlaPolicyBook book)
{
    private Dictionary<int, int?>? _leads;
    private Dictionary<int, string>? _councils;
    private readonly Dictionary<int, Person?> _people = [];

    public async Task<IReadOnlyList<ClockAlert>> KeepAsync(Ticket ticket, DateTime now, CancellationToken ct, bool recalculate = false)
    {
        var terms = await book.TermsForAsync(ticket, ct);
        // Becoming (or ceasing to be) a P1 or a major incident may move the clocks to another calendar.
        recalculate |= ticket.DomainEvents.OfType<TicketChanged>().Any(e => e.Change is "Priority" or "Major incident");
        var alerts = ticket.UpdateClocks(terms, now, recalculate);
        foreach (var alert in alerts) await NotifyAsync(ticket, alert, now, ct);
        return alerts;
    }

    private async Task NotifyAsync(Ticket ticket, ClockAlert alert, DateTime now, CancellationToken ct)
    {
        _leads ??= await db.ResolverGroups.AsNoTracking().ToDictionaryAsync(g => g.Id, g => g.LeadId, ct);
        _councils ??= await db.Councils.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var groupId = alert.Clock.ResolverGroupId ?? ticket.ResolverGroupId;
        var leadId = groupId is int g ? _leads.GetValueOrDefault(g) : null;
        var promise = alert.Clock.IsOla ? "OLA" : "SLA";
        var measure = alert.Clock.Kind is ClockKind.Response or ClockKind.OlaResponse ? "response" : "resolution";
        var kind = alert.Kind == ClockAlertKind.Breach ? "breach" : "warning";
        foreach (var personId in new[] { ticket.OwnerId, leadId }.OfType<int>().Distinct())
        {
            if (!_people.TryGetValue(personId, out var person))
                _people[personId] = person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId, ct);
            if (person is null) continue;
            var subject = alert.Kind == ClockAlertKind.Breach
                ? $"[{ticket.Reference}] {promise} {measure} target breached"
                : $"[{ticket.Reference}] {promise} {measure} target at risk";
            var body =
                $"{ticket.Reference} for {_councils[ticket.CouncilId]}: \"{ticket.Title}\" ({ticket.Priority}).\n" +
                $"The {promise} {measure} target {(alert.Kind == ClockAlertKind.Breach ? "was" : "is")} due at {alert.Clock.DueAt:yyyy-MM-dd HH:mm} UTC.\n" +
                "Open the ticket in ServiceDesk to act on it.";
            db.Notifications.Add(new Notification($"{promise.ToLowerInvariant()}-{measure}-{kind}", ticket.Id, person.Id, person.Email, subject, body, now));
        }
    }
}
