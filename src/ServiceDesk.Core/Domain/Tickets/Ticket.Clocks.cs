using ServiceDesk.Core.Domain.Sla;

namespace ServiceDesk.Core.Domain.Tickets;

/// <summary>The ticket's SLA and OLA clocks, kept in step with its state.</summary>
public sealed partial class Ticket
{
    /// <summary>When the clocks start: at logging, or at approval for an enhanced or bespoke request.</summary>
    public DateTime? ClocksStartAt { get; private set; }

    /// <summary>When shared ICT staff accepted the ticket (took it, or assigned it as its new owner).</summary>
    public DateTime? AcceptedAt { get; private set; }

    /// <summary>When the ticket reached its current resolver group, and when that group first worked it.</summary>
    public DateTime? GroupAssignedAt { get; private set; }
    public DateTime? GroupWorkedAt { get; private set; }

    /// <summary>The worst state of the SLA clocks and the current OLA (for queues and filters).</summary>
    public ClockState SlaState { get; private set; }

    /// <summary>The nearest SLA due instant of a clock still counting (for "nearest breach first").</summary>
    public DateTime? SlaDueAt { get; private set; }

    /// <summary>The next instant a clock has a warning or breach to record (for the reconciliation sweep).</summary>
    public DateTime? NextClockEventAt { get; private set; }

    public List<SlaClock> Clocks { get; private set; } = [];

    public SlaClock? ClockOf(ClockKind kind) =>
        Clocks.Where(c => c.Kind == kind && !c.Ended).OrderByDescending(c => c.StartedAt).FirstOrDefault();

    /// <summary>A priced request was approved: its clocks start now.</summary>
    public void StartClocksOnApproval(Actor approver, DateTime now)
    {
        if (ClocksStartAt is not null) return;
        ClocksStartAt = now;
        GroupAssignedAt = now;
        Record(now, approver, "Clocks started", null, "on approval");
        Changed(now, approver, "Approved");
    }

    /// <summary>
    /// Brings every clock in line with the ticket as it now is, and records any warning or
    /// breach that has fallen due. Idempotent: calling it again at the same instant changes nothing.
    /// </summary>
    public IReadOnlyList<ClockAlert> UpdateClocks(SlaTerms terms, DateTime now, bool recalculate = false)
    {
        var calendar = terms.Calendar;
        var warn = terms.WarningFraction;
        var before = AlertSchedule();
        var alerts = new List<ClockAlert>();

        var response = ClockOf(ClockKind.Response) ?? AddClock(ClockKind.Response, terms.Response.ToMinutes(calendar), null);
        var resolution = ClockOf(ClockKind.Resolution) ?? AddClock(ClockKind.Resolution, terms.Resolution.ToMinutes(calendar), null);
        if (ClocksStartAt is not DateTime start)
        {
            Summarise(before);
            return alerts;
        }
        response.Start(start, calendar, warn);
        resolution.Start(start, calendar, warn);

        // Whatever fell due before this change is recorded first, at the instant it fell due.
        alerts.AddRange(RecordDue(now));

        // A changed calendar (a new closure day) moves every instant still to come.
        if (recalculate)
            foreach (var clock in Clocks.Where(c => !c.Ended))
                clock.Recalculate(calendar, warn);

        // A priority change recomputes due instants from the original start, keeping paused time.
        response.Retarget(terms.Response.ToMinutes(calendar), calendar, warn);
        resolution.Retarget(terms.Resolution.ToMinutes(calendar), calendar, warn);

        // The OLA belongs to the assignment: a new group ends the old group's clocks and starts its own.
        foreach (var old in Clocks.Where(c => c.IsOla && !c.Ended && c.ResolverGroupId != ResolverGroupId))
            old.End(now, calendar, warn);
        SlaClock? olaResponse = null, olaResolution = null;
        if (ResolverGroupId is int group && terms.OlaResponse is BusinessTime olaRespond && terms.OlaResolution is BusinessTime olaResolve)
        {
            olaResponse = ClockOf(ClockKind.OlaResponse);
            olaResolution = ClockOf(ClockKind.OlaResolution);
            if (olaResponse is null && olaResolution is null && IsOpen)
            {
                var from = Max(start, GroupAssignedAt ?? now);
                olaResponse = AddClock(ClockKind.OlaResponse, olaRespond.ToMinutes(calendar), group);
                olaResolution = AddClock(ClockKind.OlaResolution, olaResolve.ToMinutes(calendar), group);
                olaResponse.Start(from, calendar, warn);
                olaResolution.Start(from, calendar, warn);
            }
            olaResponse?.Retarget(olaRespond.ToMinutes(calendar), calendar, warn);
            olaResolution?.Retarget(olaResolve.ToMinutes(calendar), calendar, warn);
        }

        // Responding: the first public reply, acceptance by the desk, or the resolution itself.
        if (Earliest(FirstRespondedAt, AcceptedAt, ResolvedAt) is DateTime responded)
            response.Stop(Max(responded, start), calendar, warn);
        if (olaResponse is { StartedAt: DateTime olaStart } && Earliest(GroupWorkedAt, ResolvedAt) is DateTime worked && worked >= olaStart)
            olaResponse.Stop(worked, calendar, warn);

        if (Status is TicketStatus.Resolved or TicketStatus.Closed)
        {
            var resolvedAt = ResolvedAt ?? ClosedAt ?? now;
            foreach (var clock in new[] { response, resolution, olaResponse, olaResolution })
                clock?.Stop(Max(resolvedAt, clock.StartedAt ?? resolvedAt), calendar, warn);
        }
        else
        {
            // Reopened: the resolution clocks count again, without the time it sat resolved.
            if (resolution.IsStopped) resolution.Resume(now, calendar, warn);
            if (olaResolution is { IsStopped: true }) olaResolution.Resume(now, calendar, warn);
            // Waiting for the customer pauses every clock still counting.
            foreach (var clock in Clocks.Where(c => !c.Ended && !c.IsStopped))
            {
                if (Status == TicketStatus.AwaitingCustomer) clock.Pause(now);
                else if (clock.IsPaused) clock.Resume(now, calendar, warn);
            }
        }

        alerts.AddRange(RecordDue(now));
        Summarise(before);
        return alerts;
    }

    /// <summary>Records warnings and breaches that have fallen due, each once, in the history.</summary>
    private List<ClockAlert> RecordDue(DateTime now)
    {
        var alerts = Clocks.Where(c => !c.Ended).SelectMany(c => c.RecordDue(now)).ToList();
        foreach (var alert in alerts)
        {
            var what = $"{(alert.Clock.IsOla ? "OLA" : "SLA")} {(alert.Kind == ClockAlertKind.Breach ? "breach" : "warning")}";
            var clock = alert.Clock.Kind switch
            {
                ClockKind.Response or ClockKind.OlaResponse => "response",
                _ => "resolution",
            };
            Record(now, Actor.System, what, null, $"{clock} {(alert.Kind == ClockAlertKind.Breach ? "was due" : "is due")} {alert.Clock.DueAt:yyyy-MM-dd HH:mm} UTC");
        }
        if (alerts.Count > 0) Changed(now, Actor.System, alerts.Any(a => a.Kind == ClockAlertKind.Breach) ? "SLA breach" : "SLA warning");
        return alerts;
    }

    private SlaClock AddClock(ClockKind kind, int targetMinutes, int? groupId)
    {
        var clock = new SlaClock(kind, targetMinutes, groupId);
        Clocks.Add(clock);
        return clock;
    }

    private void Summarise(string before)
    {
        var current = Clocks.Where(c => !c.Ended).ToList();
        SlaState = current.Count == 0 ? ClockState.Pending : current.Select(c => c.State).MaxBy(Severity);
        SlaDueAt = current.Where(c => !c.IsOla && c.IsRunning).Select(c => c.DueAt).Min();
        NextClockEventAt = current.Select(c => c.NextAlertAt).Min();
        var after = AlertSchedule();
        if (after != before) ReplaceDomainEvent(new TicketClocksChanged(this, PendingAlertInstants().ToList()));
    }

    /// <summary>Every warning and breach instant still to come, for the timers.</summary>
    public IEnumerable<DateTime> PendingAlertInstants() =>
        Clocks.Where(c => !c.Ended && c.IsRunning && c.BreachedAt is null)
            .SelectMany(c => c.WarnedAt is null ? new[] { c.WarnAt, c.DueAt } : [c.DueAt])
            .OfType<DateTime>()
            .Distinct()
            .Order();

    private string AlertSchedule() => string.Join('|', PendingAlertInstants().Select(d => d.Ticks));

    private static int Severity(ClockState state) => state switch
    {
        ClockState.Breached => 5,
        ClockState.Warning => 4,
        ClockState.Running => 3,
        ClockState.Paused => 2,
        ClockState.Met => 1,
        _ => 0,
    };

    private static DateTime? Earliest(params DateTime?[] instants) => instants.Where(i => i is not null).Min();
    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;
}

/// <summary>A ticket's warning or breach instants changed: its timers need (re)scheduling.</summary>
public sealed record TicketClocksChanged(Ticket Ticket, IReadOnlyList<DateTime> AlertInstants) : IDomainEvent;
