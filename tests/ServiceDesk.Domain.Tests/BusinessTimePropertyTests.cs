using System.Globalization;
using ServiceDesk.Core.Domain.Calendars;

namespace ServiceDesk.Domain.Tests;

/// <summary>
/// Property: counting back what was added gives what was added,
/// <c>BusinessMinutesBetween(start, AddBusinessMinutes(start, N)) == N</c>, for a few hundred
/// start instants across 2025–2030 (pseudo-random with a fixed seed, plus nights, weekends, bank
/// holidays and the weekends of the March and October clock changes) and N from 0 to 10,000,
/// on the standard (08:30–17:00) and the extended-hours (07:00–19:00) calendars.
/// </summary>
public sealed class BusinessTimePropertyTests
{
    private const int Seed = 20_260_322;
    private const int MaxMinutes = 10_000;
    private static readonly DateTime From = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime To = new(2031, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static TheoryData<string> Calendars => new() { "standard", "extended" };

    private static BusinessCalendar CalendarNamed(string name) =>
        name == "standard" ? TestDesk.StandardCalendar() : ClockDesk.ExtendedCalendar();

    [Theory]
    [MemberData(nameof(Calendars))]
    public void Counting_back_the_business_minutes_added_gives_the_same_number(string calendarName)
    {
        var calendar = CalendarNamed(calendarName);
        var random = new Random(Seed);
        var failures = new List<string>();
        var cases = 0;

        foreach (var start in StartInstants(random))
        {
            // One random duration per start, and the edges of a working day on some of them.
            var durations = new List<int> { random.Next(0, MaxMinutes + 1) };
            if (cases % 7 == 0)
                durations.AddRange([0, 1, calendar.MinutesPerDay - 1, calendar.MinutesPerDay, calendar.MinutesPerDay + 1, MaxMinutes]);
            foreach (var minutes in durations)
            {
                cases++;
                var end = calendar.AddBusinessMinutes(start, minutes);
                var counted = calendar.BusinessMinutesBetween(start, end);
                if (counted != minutes || end < start || end.Kind != DateTimeKind.Utc)
                    failures.Add(string.Create(CultureInfo.InvariantCulture,
                        $"{start:O} + {minutes} → {end:O}, counted back {counted}"));
            }
        }

        Assert.True(cases >= 300, $"only {cases} cases");
        Assert.True(failures.Count == 0,
            $"{failures.Count} of {cases} cases on the {calendarName} calendar failed, e.g.:\n{string.Join('\n', failures.Take(10))}");
    }

    [Fact]
    public void Counting_back_holds_for_start_instants_with_seconds_and_ticks()
    {
        var calendar = TestDesk.StandardCalendar();
        // Wednesday 4 March 2026 12:33:51.2961176 GMT: 266.15 minutes on Wednesday, 510 on Thursday,
        // 92.85 on Friday from 08:30, so Friday 10:02:51.2961176.
        var start = new DateTime(2026, 3, 4, 12, 33, 51, DateTimeKind.Utc).AddTicks(2_961_176);
        var end = calendar.AddBusinessMinutes(start, 869);
        Assert.Equal(new DateTime(2026, 3, 6, 10, 2, 51, DateTimeKind.Utc).AddTicks(2_961_176), end);
        Assert.Equal(869, calendar.BusinessMinutesBetween(start, end));

        foreach (var cal in new[] { calendar, ClockDesk.ExtendedCalendar() })
        {
            var random = new Random(Seed);
            var failures = new List<string>();
            for (var i = 0; i < 400; i++)
            {
                var from = From.AddTicks(random.NextInt64((To - From).Ticks));
                var minutes = random.Next(0, MaxMinutes + 1);
                var counted = cal.BusinessMinutesBetween(from, cal.AddBusinessMinutes(from, minutes));
                if (counted != minutes)
                    failures.Add(string.Create(CultureInfo.InvariantCulture, $"{from:O} + {minutes}, counted back {counted}"));
            }
            Assert.True(failures.Count == 0,
                $"{failures.Count} of 400 cases on the {cal.Name} calendar failed, e.g.:\n{string.Join('\n', failures.Take(5))}");
        }
    }

    /// <summary>Random instants over 2025–2030 and the awkward ones: nights, weekends, bank holidays, clock changes.</summary>
    private static IEnumerable<DateTime> StartInstants(Random random)
    {
        var span = (long)(To - From).TotalMinutes;
        for (var i = 0; i < 250; i++)
            yield return From.AddMinutes(random.NextInt64(span));

        // Nights and weekends: a random day at 02:00, 20:00, and Saturday and Sunday afternoons.
        for (var i = 0; i < 30; i++)
        {
            var day = From.AddDays(random.Next((int)(To - From).TotalDays - 7));
            yield return day.AddHours(2);
            yield return day.AddHours(20).AddMinutes(random.Next(60));
            var saturday = day.AddDays(((int)DayOfWeek.Saturday - (int)day.DayOfWeek + 7) % 7);
            yield return saturday.AddHours(13).AddMinutes(random.Next(60));
            yield return saturday.AddDays(1).AddHours(23).AddMinutes(random.Next(60));
        }

        // Every bank holiday, at an instant in its working hours, and the evening before.
        foreach (var (date, _) in BankHolidays.EnglandAndWales)
        {
            var midnight = new DateTime(date.Year, date.Month, date.Day, 0, 0, 0, DateTimeKind.Utc);
            yield return midnight.AddHours(10).AddMinutes(random.Next(60));
            yield return midnight.AddHours(-7).AddMinutes(random.Next(120));
        }

        // The last Sundays of March and October (01:00 UTC is the change), and the Friday and Saturday before.
        for (var year = 2025; year <= 2030; year++)
        {
            foreach (var month in new[] { 3, 10 })
            {
                var sunday = LastSunday(year, month);
                foreach (var minutes in new[] { 0, 30, 59, 60, 61, 90, 120, 150 })
                    yield return sunday.AddMinutes(minutes);
                yield return sunday.AddDays(-1).AddHours(12);
                foreach (var hour in new[] { 6, 7, 8, 14, 15, 16, 17, 18 })
                    yield return sunday.AddDays(-2).AddHours(hour).AddMinutes(random.Next(60));
                yield return sunday.AddDays(1).AddHours(6).AddMinutes(random.Next(120));
            }
        }
    }

    private static DateTime LastSunday(int year, int month)
    {
        var last = new DateTime(year, month, DateTime.DaysInMonth(year, month), 0, 0, 0, DateTimeKind.Utc);
        return last.AddDays(-(int)last.DayOfWeek);
    }
}
