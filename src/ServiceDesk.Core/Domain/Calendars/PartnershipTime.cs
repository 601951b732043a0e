namespace ServiceDesk.Core.Domain.Calendars;

/// <summary>
/// The partnership's wall clock (Europe/London) for reporting: which local day an instant falls on,
/// and the instant a local day starts, correct across the clock changes.
/// </summary>
public static class PartnershipTime
{
    public const string TimeZoneId = "Europe/London";

    private static TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);

    public static DateOnly LocalDate(DateTime utc) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone));

    /// <summary>The UTC instant of local midnight starting <paramref name="date"/>.</summary>
    public static DateTime StartOfDay(DateOnly date) =>
        TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), Zone);

    /// <summary>The Monday starting the local week <paramref name="date"/> is in.</summary>
    public static DateOnly WeekStart(DateOnly date) => date.AddDays(-(((int)date.DayOfWeek + 6) % 7));
}
