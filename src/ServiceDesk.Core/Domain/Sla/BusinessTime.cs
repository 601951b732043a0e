using ServiceDesk.Core.Domain.Calendars;

namespace ServiceDesk.Core.Domain.Sla;

/// <summary>The unit a target is stated in: "30 business minutes", "4 business hours", "3 business days".</summary>
public enum BusinessTimeUnit { Minutes, Hours, Days }

/// <summary>
/// A span of business time as people state targets. Days count whole working days of the
/// calendar in use, so "1 business day" is 8.5 hours on the standard calendar and 12 on the
/// extended-hours one.
/// </summary>
public readonly record struct BusinessTime(int Amount, BusinessTimeUnit Unit)
{
    public static BusinessTime Minutes(int n) => new(n, BusinessTimeUnit.Minutes);
    public static BusinessTime Hours(int n) => new(n, BusinessTimeUnit.Hours);
    public static BusinessTime Days(int n) => new(n, BusinessTimeUnit.Days);

    public int ToMinutes(BusinessCalendar calendar) => Unit switch
    {
        BusinessTimeUnit.Minutes => Amount,
        BusinessTimeUnit.Hours => Amount * 60,
        _ => Amount * calendar.MinutesPerDay,
    };

    public override string ToString() => $"{Amount} business {Unit.ToString().ToLowerInvariant()[..^1]}{(Amount == 1 ? "" : "s")}";
}
