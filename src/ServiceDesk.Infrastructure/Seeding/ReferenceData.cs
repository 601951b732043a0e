using ServiceDesk.Core.Domain.Calendars;
using ServiceDesk.Core.Domain.Sla;
using ServiceDesk.Infrastructure.Persistence;

namespace ServiceDesk.Infrastructure.Seeding;

/// <summary>What every desk needs from its first start: the two business calendars with the bank holidays, and the default SLA.</summary>
public static class ReferenceData
{
    public const string StandardCalendar = "Standard business hours";
    public const string ExtendedCalendar = "Extended hours";

    public static void SeedCalendars(ServiceDeskDbContext db)
    {
        var standard = new BusinessCalendar(StandardCalendar, new TimeOnly(8, 30), new TimeOnly(17, 0));
        var extended = new BusinessCalendar(ExtendedCalendar, new TimeOnly(7, 0), new TimeOnly(19, 0));
        foreach (var calendar in new[] { standard, extended })
        {
            foreach (var (date, name) in BankHolidays.EnglandAndWales)
                calendar.AddClosure(date, name, ClosureKind.BankHoliday);
            db.Calendars.Add(calendar);
        }
    }

    /// <summary>The default SLA targets of product.md, the same for every tier until changed.</summary>
    public static void SeedSlaTargets(ServiceDeskDbContext db) => db.SlaTargets.AddRange(SlaTarget.Defaults());
}
