using ServiceDesk.Core.Domain.Calendars;

namespace ServiceDesk.Core.Domain.Sla;

/// <summary>Which promise a clock measures: the SLA to the requester, or a resolver group's OLA.</summary>
public enum ClockKind { Response, Resolution, OlaResponse, OlaResolution }

/// <summary>Where a clock stands. Pending: not started (a priced request awaiting approval). Ended: an OLA clock whose group passed the ticket on without meeting or breaching it.</summary>
public enum ClockState { Pending, Running, Paused, Warning, Met, Breached, Ended }

/// <summary>What a clock reported when its warning or breach instant passed.</summary>
public enum ClockAlertKind { Warning, Breach }

/// <summary>A warning or breach just recorded on a clock.</summary>
public sealed record ClockAlert(SlaClock Clock, ClockAlertKind Kind, DateTime At);

/// <summary>
/// One response or resolution clock, counted in business minutes of the ticket's calendar.
/// Its due instant is the start plus the target plus the business minutes it spent paused,
/// so pausing, resuming and changing the target all recompute from the original start.
/// Warning and breach instants are recorded once, at the instant they fell due.
/// </summary>
public sealed class SlaClock
{
    private SlaClock() { }

    internal SlaClock(ClockKind kind, int targetMinutes, int? resolverGroupId)
    {
        Kind = kind;
        TargetMinutes = targetMinutes;
        ResolverGroupId = resolverGroupId;
    }

    public long Id { get; private set; }
    public long TicketId { get; private set; }
    public ClockKind Kind { get; private set; }

    /// <summary>For OLA clocks: the group the ticket sat with during this assignment.</summary>
    public int? ResolverGroupId { get; private set; }
    public int TargetMinutes { get; private set; }
    public DateTime? StartedAt { get; private set; }
    public int PausedMinutes { get; private set; }
    public DateTime? PausedSince { get; private set; }
    public DateTime? StoppedAt { get; private set; }
    public DateTime? WarnAt { get; private set; }
    public DateTime? DueAt { get; private set; }
    public DateTime? WarnedAt { get; private set; }
    public DateTime? MetAt { get; private set; }
    public DateTime? BreachedAt { get; private set; }

    /// <summary>An OLA clock of an earlier assignment: kept for reporting, no longer current.</summary>
    public bool Ended { get; private set; }
    public ClockState State { get; private set; }

    public bool IsOla => Kind is ClockKind.OlaResponse or ClockKind.OlaResolution;
    public bool IsStarted => StartedAt is not null;
    public bool IsStopped => StoppedAt is not null;
    public bool IsPaused => PausedSince is not null;
    public bool IsRunning => IsStarted && !IsStopped && !IsPaused;

    /// <summary>The next instant at which this clock has something to record, if it is running.</summary>
    public DateTime? NextAlertAt =>
        !IsRunning || BreachedAt is not null ? null
        : WarnedAt is null ? WarnAt
        : DueAt;

    internal void Start(DateTime at, BusinessCalendar calendar, double warningFraction)
    {
        if (IsStarted) return;
        StartedAt = at;
        Recompute(calendar, warningFraction);
    }

    internal void Pause(DateTime at)
    {
        if (!IsRunning) return;
        PausedSince = at;
        Refresh();
    }

    /// <summary>Resumes a paused clock, or a stopped one (a reopened ticket): the time in between does not count.</summary>
    internal void Resume(DateTime at, BusinessCalendar calendar, double warningFraction)
    {
        var since = PausedSince ?? StoppedAt;
        if (since is null || !IsStarted || Ended) return;
        PausedMinutes += calendar.BusinessMinutesBetween(since.Value, at);
        PausedSince = null;
        StoppedAt = null;
        MetAt = null;
        Recompute(calendar, warningFraction);
    }

    /// <summary>Stops the clock: met, unless it had already breached.</summary>
    internal void Stop(DateTime at, BusinessCalendar calendar, double warningFraction)
    {
        if (!IsStarted || IsStopped) return;
        if (IsPaused) Resume(at, calendar, warningFraction);
        StoppedAt = at;
        if (BreachedAt is null) MetAt = at;
        Refresh();
    }

    /// <summary>
    /// The ticket left this clock's group: a clock still counting stops without being met (the group
    /// did not respond or resolve), keeping any breach; one already stopped keeps its result.
    /// </summary>
    internal void End(DateTime at, BusinessCalendar calendar, double warningFraction)
    {
        if (IsStarted && !IsStopped)
        {
            if (IsPaused) Resume(at, calendar, warningFraction);
            StoppedAt = at;
        }
        Ended = true;
        Refresh();
    }

    /// <summary>A new target (the priority changed): due and warning instants recomputed from the original start.</summary>
    internal bool Retarget(int targetMinutes, BusinessCalendar calendar, double warningFraction)
    {
        if (targetMinutes == TargetMinutes) return false;
        TargetMinutes = targetMinutes;
        if (IsStarted) Recompute(calendar, warningFraction);
        return true;
    }

    /// <summary>The calendar or policy changed: due and warning instants computed afresh from the original start.</summary>
    internal void Recalculate(BusinessCalendar calendar, double warningFraction)
    {
        if (IsStarted && !IsStopped) Recompute(calendar, warningFraction);
    }

    /// <summary>Records the warning and breach whose instants have passed while the clock ran; each only once.</summary>
    internal IEnumerable<ClockAlert> RecordDue(DateTime now)
    {
        if (!IsRunning || BreachedAt is not null) yield break;
        if (DueAt is DateTime due && now >= due)
        {
            WarnedAt ??= WarnAt;
            BreachedAt = due;
            Refresh();
            yield return new ClockAlert(this, ClockAlertKind.Breach, due);
        }
        else if (WarnedAt is null && WarnAt is DateTime warn && now >= warn)
        {
            WarnedAt = warn;
            Refresh();
            yield return new ClockAlert(this, ClockAlertKind.Warning, warn);
        }
    }

    /// <summary>Business minutes left before the target (negative once overdue); the target itself before the clock starts.</summary>
    public int RemainingMinutes(DateTime now, BusinessCalendar calendar)
    {
        if (StartedAt is not DateTime started) return TargetMinutes;
        var end = StoppedAt ?? PausedSince ?? now;
        var elapsed = calendar.BusinessMinutesBetween(started, end) - PausedMinutes;
        return TargetMinutes - elapsed;
    }

    private void Recompute(BusinessCalendar calendar, double warningFraction)
    {
        if (StartedAt is not DateTime started) return;
        var warnMinutes = (int)Math.Ceiling(TargetMinutes * warningFraction);
        DueAt = calendar.AddBusinessMinutes(started, TargetMinutes + PausedMinutes);
        WarnAt = calendar.AddBusinessMinutes(started, warnMinutes + PausedMinutes);
        Refresh();
    }

    private void Refresh() => State =
        !IsStarted ? ClockState.Pending
        : BreachedAt is not null ? ClockState.Breached
        : MetAt is not null ? ClockState.Met
        : IsStopped ? ClockState.Ended
        : IsPaused ? ClockState.Paused
        : WarnedAt is not null ? ClockState.Warning
        : ClockState.Running;
}
