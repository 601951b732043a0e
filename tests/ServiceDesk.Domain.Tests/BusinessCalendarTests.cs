using ServiceDesk.Core.Domain.Calendars;

namespace ServiceDesk.Domain.Tests;

/// <summary>
/// The "Standard" calendar: 08:30–17:00 Monday to Friday in Europe/London, closed on the England
/// and Wales bank holidays. All instants are UTC; London is UTC+0 in winter and UTC+1 in summer
/// (British Summer Time from Sunday 29 March to Sunday 25 October 2026).
/// </summary>
public sealed class BusinessCalendarTests
{
    private readonly BusinessCalendar _calendar = TestDesk.StandardCalendar();

    private static DateTime Utc(int year, int month, int day, int hour, int minute) =>
        new(year, month, day, hour, minute, 0, DateTimeKind.Utc);

    [Fact]
    public void Standard_calendar_has_510_minutes_a_day()
    {
        Assert.Equal(510, _calendar.MinutesPerDay);
        Assert.Equal("Europe/London", _calendar.TimeZoneId);
    }

    [Theory]
    [InlineData(2026, 1, 12, true)]   // Monday
    [InlineData(2026, 1, 16, true)]   // Friday
    [InlineData(2026, 1, 17, false)]  // Saturday
    [InlineData(2026, 1, 18, false)]  // Sunday
    [InlineData(2026, 12, 25, false)] // Christmas Day
    [InlineData(2026, 12, 28, false)] // Boxing Day (substitute day)
    [InlineData(2026, 12, 29, true)]  // Tuesday after Christmas
    public void IsBusinessDay_excludes_weekends_and_bank_holidays(int year, int month, int day, bool expected) =>
        Assert.Equal(expected, _calendar.IsBusinessDay(new DateOnly(year, month, day)));

    public static TheoryData<string, DateTime, int, DateTime> Additions => new()
    {
        // Tuesday 13 January 2026 (GMT): 09:00 + 90 minutes.
        { "within a winter day", Utc(2026, 1, 13, 9, 0), 90, Utc(2026, 1, 13, 10, 30) },
        // Tuesday 16 June 2026 (BST): 09:00 London = 08:00 UTC, + 90 → 10:30 London = 09:30 UTC.
        { "within a summer day", Utc(2026, 6, 16, 8, 0), 90, Utc(2026, 6, 16, 9, 30) },
        // 15 minutes left on Tuesday, 15 more from Wednesday's 08:30 opening.
        { "across an evening", Utc(2026, 1, 13, 16, 45), 30, Utc(2026, 1, 14, 8, 45) },
        // A deadline that uses up the day exactly falls at closing time, not at the next opening.
        { "to closing time exactly", Utc(2026, 1, 13, 16, 0), 60, Utc(2026, 1, 13, 17, 0) },
        // Friday 16 January 16:30: 30 minutes on Friday, 30 on Monday 19 January.
        { "across a weekend", Utc(2026, 1, 16, 16, 30), 60, Utc(2026, 1, 19, 9, 0) },
        // Wednesday 31 December 2025 16:30: New Year's Day (Thursday) is closed, so Friday 2 January 09:00.
        { "across a bank holiday", Utc(2025, 12, 31, 16, 30), 60, Utc(2026, 1, 2, 9, 0) },
        // Thursday 2 April 2026 16:30 BST (15:30 UTC): Good Friday, the weekend and Easter Monday are
        // closed, so Tuesday 7 April 09:00 BST = 08:00 UTC.
        { "across Easter", Utc(2026, 4, 2, 15, 30), 60, Utc(2026, 4, 7, 8, 0) },
        // Saturday 17 January 11:00: the clock starts at Monday 19 January 08:30.
        { "from a Saturday", Utc(2026, 1, 17, 11, 0), 45, Utc(2026, 1, 19, 9, 15) },
        { "from a Sunday", Utc(2026, 1, 18, 23, 0), 45, Utc(2026, 1, 19, 9, 15) },
        { "from before opening", Utc(2026, 1, 13, 6, 0), 10, Utc(2026, 1, 13, 8, 40) },
        { "from after closing", Utc(2026, 1, 13, 18, 0), 10, Utc(2026, 1, 14, 8, 40) },
        // Friday 27 March 2026 16:30 London = 16:30 UTC (still GMT); 30 minutes on Friday, clocks go
        // forward on Sunday 29 March, 30 minutes on Monday 30 March: 09:00 BST = 08:00 UTC.
        { "across the March clock change", Utc(2026, 3, 27, 16, 30), 60, Utc(2026, 3, 30, 8, 0) },
        // The same from Friday 16:00 GMT: 60 minutes on Friday, 30 on Monday → 09:00 BST = 08:00 UTC.
        { "across the March clock change from 16:00", Utc(2026, 3, 27, 16, 0), 90, Utc(2026, 3, 30, 8, 0) },
        // Friday 23 October 2026 16:30 London = 15:30 UTC (BST); clocks go back on Sunday 25 October,
        // so Monday 26 October 09:00 London = 09:00 UTC.
        { "across the October clock change", Utc(2026, 10, 23, 15, 30), 60, Utc(2026, 10, 26, 9, 0) },
        // Friday 23 October 16:00 BST = 15:00 UTC: 60 minutes on Friday, 30 on Monday → 09:00 GMT = 09:00 UTC.
        { "across the October clock change from 16:00", Utc(2026, 10, 23, 15, 0), 90, Utc(2026, 10, 26, 9, 0) },
        // Five whole business days from Wednesday 14 January 10:00 is Wednesday 21 January 10:00.
        { "five whole days", Utc(2026, 1, 14, 10, 0), 5 * 510, Utc(2026, 1, 21, 10, 0) },
        { "zero minutes", Utc(2026, 1, 17, 11, 0), 0, Utc(2026, 1, 17, 11, 0) },
    };

    [Theory]
    [MemberData(nameof(Additions))]
    public void AddBusinessMinutes_counts_only_working_time(string because, DateTime startUtc, int minutes, DateTime expectedUtc)
    {
        var actual = _calendar.AddBusinessMinutes(startUtc, minutes);

        Assert.True(expectedUtc == actual, $"{because}: expected {expectedUtc:O}, got {actual:O}");
    }

    [Fact]
    public void AddBusinessMinutes_returns_utc()
    {
        var actual = _calendar.AddBusinessMinutes(Utc(2026, 6, 16, 8, 0), 90);

        Assert.Equal(DateTimeKind.Utc, actual.Kind);
    }

    [Fact]
    public void AddBusinessMinutes_refuses_a_negative_duration() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => _calendar.AddBusinessMinutes(Utc(2026, 1, 13, 9, 0), -1));

    [Fact]
    public void AddBusinessDays_adds_whole_working_days()
    {
        // Friday 16 January 2026 11:00 + 2 business days → Tuesday 20 January 11:00.
        Assert.Equal(Utc(2026, 1, 20, 11, 0), _calendar.AddBusinessDays(Utc(2026, 1, 16, 11, 0), 2));
    }

    public static TheoryData<string, DateTime, int> Inverses => new()
    {
        { "within a day", Utc(2026, 1, 13, 9, 0), 90 },
        { "across an evening", Utc(2026, 1, 13, 16, 45), 30 },
        { "across a weekend", Utc(2026, 1, 16, 16, 30), 60 },
        { "across Easter", Utc(2026, 4, 2, 15, 30), 60 },
        { "across the March clock change", Utc(2026, 3, 27, 16, 30), 60 },
        { "across the October clock change", Utc(2026, 10, 23, 15, 30), 60 },
        { "across Christmas, five days", Utc(2026, 12, 24, 10, 0), 5 * 510 },
        { "from a Saturday", Utc(2026, 1, 17, 11, 0), 45 },
    };

    [Theory]
    [MemberData(nameof(Inverses))]
    public void BusinessMinutesBetween_is_the_inverse_of_AddBusinessMinutes(string because, DateTime startUtc, int minutes)
    {
        var end = _calendar.AddBusinessMinutes(startUtc, minutes);

        var between = _calendar.BusinessMinutesBetween(startUtc, end);

        Assert.True(minutes == between, $"{because}: expected {minutes}, got {between}");
    }

    [Fact]
    public void AddBusinessMinutes_is_the_inverse_of_BusinessMinutesBetween()
    {
        // Tuesday 24 March 2026 14:00 GMT to Wednesday 1 April 2026 10:15 BST (09:15 UTC).
        var from = Utc(2026, 3, 24, 14, 0);
        var to = Utc(2026, 4, 1, 9, 15);

        var minutes = _calendar.BusinessMinutesBetween(from, to);

        // Tue 180 + Wed, Thu, Fri, Mon, Tue 5 × 510 + Wed 08:30–10:15 105.
        Assert.Equal(180 + 5 * 510 + 105, minutes);
        Assert.Equal(to, _calendar.AddBusinessMinutes(from, minutes));
    }

    [Fact]
    public void BusinessMinutesBetween_is_zero_when_the_end_is_before_the_start() =>
        Assert.Equal(0, _calendar.BusinessMinutesBetween(Utc(2026, 1, 14, 10, 0), Utc(2026, 1, 13, 10, 0)));

    [Fact]
    public void BusinessMinutesBetween_is_zero_when_the_end_is_the_start() =>
        Assert.Equal(0, _calendar.BusinessMinutesBetween(Utc(2026, 1, 13, 10, 0), Utc(2026, 1, 13, 10, 0)));

    [Fact]
    public void BusinessMinutesBetween_is_zero_over_a_weekend_and_a_bank_holiday() =>
        // Thursday 24 December 2026 17:00 to Tuesday 29 December 08:30 (GMT): only closed time between.
        Assert.Equal(0, _calendar.BusinessMinutesBetween(Utc(2026, 12, 24, 17, 0), Utc(2026, 12, 29, 8, 30)));

    [Fact]
    public void A_calendar_must_close_after_it_opens() =>
        Assert.Throws<ArgumentException>(() => new BusinessCalendar("Broken", new TimeOnly(17, 0), new TimeOnly(8, 30)));
}
