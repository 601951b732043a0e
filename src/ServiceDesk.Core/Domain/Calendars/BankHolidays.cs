namespace ServiceDesk.Core.Domain.Calendars;

/// <summary>
/// England and Wales bank holidays 2025–2030. Source: GOV.UK "UK bank holidays"
/// (www.gov.uk/bank-holidays) for the years it publishes; later years follow the same rules
/// (Banking and Financial Dealings Act 1971 and the substitute-day convention) and should be
/// checked against GOV.UK when it publishes them.
/// </summary>
public static class BankHolidays
{
    public static IReadOnlyList<(DateOnly Date, string Name)> EnglandAndWales { get; } =
    [
        (new(2025, 1, 1), "New Year's Day"), (new(2025, 4, 18), "Good Friday"), (new(2025, 4, 21), "Easter Monday"),
        (new(2025, 5, 5), "Early May bank holiday"), (new(2025, 5, 26), "Spring bank holiday"), (new(2025, 8, 25), "Summer bank holiday"),
        (new(2025, 12, 25), "Christmas Day"), (new(2025, 12, 26), "Boxing Day"),
        (new(2026, 1, 1), "New Year's Day"), (new(2026, 4, 3), "Good Friday"), (new(2026, 4, 6), "Easter Monday"),
        (new(2026, 5, 4), "Early May bank holiday"), (new(2026, 5, 25), "Spring bank holiday"), (new(2026, 8, 31), "Summer bank holiday"),
        (new(2026, 12, 25), "Christmas Day"), (new(2026, 12, 28), "Boxing Day (substitute day)"),
        (new(2027, 1, 1), "New Year's Day"), (new(2027, 3, 26), "Good Friday"), (new(2027, 3, 29), "Easter Monday"),
        (new(2027, 5, 3), "Early May bank holiday"), (new(2027, 5, 31), "Spring bank holiday"), (new(2027, 8, 30), "Summer bank holiday"),
        (new(2027, 12, 27), "Christmas Day (substitute day)"), (new(2027, 12, 28), "Boxing Day (substitute day)"),
        (new(2028, 1, 3), "New Year's Day (substitute day)"), (new(2028, 4, 14), "Good Friday"), (new(2028, 4, 17), "Easter Monday"),
        (new(2028, 5, 1), "Early May bank holiday"), (new(2028, 5, 29), "Spring bank holiday"), (new(2028, 8, 28), "Summer bank holiday"),
        (new(2028, 12, 25), "Christmas Day"), (new(2028, 12, 26), "Boxing Day"),
        (new(2029, 1, 1), "New Year's Day"), (new(2029, 3, 30), "Good Friday"), (new(2029, 4, 2), "Easter Monday"),
        (new(2029, 5, 7), "Early May bank holiday"), (new(2029, 5, 28), "Spring bank holiday"), (new(2029, 8, 27), "Summer bank holiday"),
        (new(2029, 12, 25), "Christmas Day"), (new(2029, 12, 26), "Boxing Day"),
        (new(2030, 1, 1), "New Year's Day"), (new(2030, 4, 19), "Good Friday"), (new(2030, 4, 22), "Easter Monday"),
        (new(2030, 5, 6), "Early May bank holiday"), (new(2030, 5, 27), "Spring bank holiday"), (new(2030, 8, 26), "Summer bank holiday"),
        (new(2030, 12, 25), "Christmas Day"), (new(2030, 12, 26), "Boxing Day"),
    ];
}
