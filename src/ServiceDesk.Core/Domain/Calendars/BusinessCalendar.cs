using System.ComponentModel;

namespace ServiceDesk.Core.Domain.Calendars;

/// <summary>
/// Working hours in a time zone (Europe/London by default) minus closure days; SLA clocks and the
/// auto-close window count time in it. Arithmetic is done on local wall-clock dates, so the
/// March and October clock changes move the UTC instants, never the working hours.
/// </summary>
[DisplayName("Business calendar")]
public sealed class BusinessCalendar : IAudited
{
    private HashSet<DateOnly>? _closed;

    private BusinessCalendar() { }

    public BusinessCalendar(string name, TimeOnly opens, TimeOnly closes, IEnumerable<DayOfWeek>? workingDays = null, string timeZoneId = "Europe/London")
    {
        // Opening and closing at midnight is the one way to say "all day": the day closes at the next midnight.
        if (closes <= opens && !(opens == TimeOnly.MinValue && closes == TimeOnly.MinValue))
            throw new ArgumentException("A working day must close after it opens.", nameof(closes));
        Name = name;
        Opens = opens;
        Closes = closes;
        TimeZoneId = timeZoneId;
        WorkingDays = (workingDays ?? [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday])
            .Aggregate(0, (mask, d) => mask | (1 << (int)d));
    }

    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    public string TimeZoneId { get; private set; } = "Europe/London";
    public TimeOnly Opens { get; private set; }
    public TimeOnly Closes { get; private set; }

    /// <summary>Bit mask of working days, bit n for <see cref="DayOfWeek"/> n.</summary>
    public int WorkingDays { get; private set; }
    public List<ClosureDay> ClosureDays { get; private set; } = [];

    public string AuditKey(IAuditNames names) => Name;

    /// <summary>The name of the built-in 24×7 calendar (<see cref="AroundTheClock"/>).</summary>
    public const string AroundTheClockName = "24×7";

    /// <summary>
    /// Every minute of every day, counted in UTC so a clock change never adds or loses an hour: the
    /// calendar P1 incidents and major incidents run on unless the partnership chooses another.
    /// </summary>
    public static BusinessCalendar AroundTheClock() =>
        new(AroundTheClockName, TimeOnly.MinValue, TimeOnly.MinValue, Enum.GetValues<DayOfWeek>(), "UTC");

    /// <summary>Open all day: opens and closes at midnight.</summary>
    public bool IsAllDay => Opens == TimeOnly.MinValue && Closes == TimeOnly.MinValue;

    public int MinutesPerDay => (int)(CloseOf(DateOnly.MinValue) - DateOnly.MinValue.ToDateTime(Opens)).TotalMinutes;

    /// <summary>The local instant the calendar closes on <paramref name="date"/> (the next midnight when open all day).</summary>
    private DateTime CloseOf(DateOnly date) => IsAllDay ? date.AddDays(1).ToDateTime(TimeOnly.MinValue) : date.ToDateTime(Closes);

    public void AddClosure(DateOnly date, string name, ClosureKind kind)
    {
        if (ClosureDays.Any(c => c.Date == date)) return;
        ClosureDays.Add(new ClosureDay(date, name, kind));
        _closed = null;
    }

    public bool IsBusinessDay(DateOnly date)
    {
        _closed ??= ClosureDays.Select(c => c.Date).ToHashSet();
        return (WorkingDays & (1 << (int)date.DayOfWeek)) != 0 && !_closed.Contains(date);
    }

    /// <summary>The instant <paramref name="minutes"/> business minutes after <paramref name="startUtc"/>.</summary>
    public DateTime AddBusinessMinutes(DateTime startUtc, int minutes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minutes);
        if (minutes == 0) return startUtc;
        var local = ToLocal(startUtc);
        var date = DateOnly.FromDateTime(local);
        var from = TimeOnly.FromDateTime(local);
        // Whole ticks, not floating minutes: a due instant must never land a tick early.
        var remaining = minutes * TimeSpan.TicksPerMinute;
        for (var guard = 0; guard < 366 * 20; guard++)
        {
            if (IsBusinessDay(date))
            {
                var begin = date.ToDateTime(from > Opens ? from : Opens);
                var close = CloseOf(date);
                if (begin < close)
                {
                    var available = (close - begin).Ticks;
                    if (remaining <= available)
                        return ToUtc(begin.AddTicks(remaining));
                    remaining -= available;
                }
            }
            date = date.AddDays(1);
            from = TimeOnly.MinValue;
        }
        throw new InvalidOperationException($"Calendar '{Name}' has no working time within twenty years of {startUtc:O}.");
    }

    /// <summary>Business minutes between two instants (zero if <paramref name="toUtc"/> is not later).</summary>
    public int BusinessMinutesBetween(DateTime fromUtc, DateTime toUtc)
    {
        if (toUtc <= fromUtc) return 0;
        var start = ToLocal(fromUtc);
        var end = ToLocal(toUtc);
        var total = 0L;
        for (var date = DateOnly.FromDateTime(start); date <= DateOnly.FromDateTime(end); date = date.AddDays(1))
        {
            if (!IsBusinessDay(date)) continue;
            var dayOpen = date.ToDateTime(Opens);
            var dayClose = CloseOf(date);
            var begin = start > dayOpen ? start : dayOpen;
            var finish = end < dayClose ? end : dayClose;
            if (finish > begin) total += (finish - begin).Ticks;
        }
        return (int)(total / TimeSpan.TicksPerMinute);
    }

    /// <summary>The instant <paramref name="days"/> whole business days after <paramref name="startUtc"/>.</summary>
    public DateTime AddBusinessDays(DateTime startUtc, int days) => AddBusinessMinutes(startUtc, days * MinutesPerDay);

    private TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);

    private DateTime ToLocal(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    private DateTime ToUtc(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        // A wall-clock time inside the spring-forward gap does not exist; move past the gap.
        if (Zone.IsInvalidTime(unspecified)) unspecified = unspecified.AddHours(1);
        return TimeZoneInfo.ConvertTimeToUtc(unspecified, Zone);
    }
}

/// <summary>Why a calendar is closed on a day.</summary>
public enum ClosureKind { BankHoliday, Closure }

/// <summary>A day on which a calendar does no business: a bank holiday or an extra closure.</summary>
[DisplayName("Closure day")]
public sealed class ClosureDay : IAudited
{
    private ClosureDay() { }
    public ClosureDay(DateOnly date, string name, ClosureKind kind)
    {
        Date = date;
        Name = name;
        Kind = kind;
    }

    public int Id { get; private set; }
    public int CalendarId { get; private set; }
    public DateOnly Date { get; private set; }
    public string Name { get; private set; } = "";
    public ClosureKind Kind { get; private set; }

    public string AuditKey(IAuditNames names) =>
        $"{names.Of<BusinessCalendar>(CalendarId)} {Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}";
}
