using Microsoft.EntityFrameworkCore;
using ServiceDesk.Core.Abstractions;
using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Domain.Calendars;
using ServiceDesk.Core.Domain.Sla;

namespace ServiceDesk.Core.Features.Sla;

/// <summary>
/// The rows every ticket's SLA terms are read from (SLA and OLA targets, service tiers, each council's
/// calendar, the calendars with their closure days, the major-incident calendar), read once and shared by
/// every request of the node, instead of six queries per ticket change. A save on this node that changes
/// any of them drops the copy at once (<see cref="Changed"/>, called by the database layer for the types
/// in <see cref="Sources"/>); a change made on another node is seen within <see cref="Lifetime"/>.
/// </summary>
public sealed class SlaReferenceData(TimeProvider time)
{
    /// <summary>How long a copy is used before it is read again, for changes made by another node.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(15);

    /// <summary>The entity types a copy is made from: a save that touches one of them calls <see cref="Changed"/>.</summary>
    public static readonly IReadOnlySet<Type> Sources = new HashSet<Type>
    {
        typeof(SlaTarget), typeof(OlaTarget), typeof(CatalogueService), typeof(Council),
        typeof(BusinessCalendar), typeof(ClosureDay), typeof(PartnershipSettings),
    };

    private Snapshot? _current;
    private long _generation;

    /// <summary>One consistent reading of the reference rows; never changed once read, so shared between threads.</summary>
    public sealed record Snapshot(
        long Generation, long ReadAt,
        IReadOnlyDictionary<(ServiceTier, Priority), SlaTarget> Sla,
        IReadOnlyDictionary<(int, Priority), OlaTarget> Ola,
        IReadOnlyDictionary<int, ServiceTier> Tiers,
        IReadOnlyDictionary<int, int> CouncilCalendars,
        IReadOnlyDictionary<int, BusinessCalendar> Calendars,
        BusinessCalendar AroundTheClock);

    public async Task<Snapshot> ReadAsync(IServiceDeskDb db, CancellationToken ct)
    {
        var current = Volatile.Read(ref _current);
        var generation = Interlocked.Read(ref _generation);
        if (current is not null && current.Generation == generation && time.GetElapsedTime(current.ReadAt) < Lifetime) return current;

        var readAt = time.GetTimestamp();
        var sla = await db.SlaTargets.AsNoTracking().ToDictionaryAsync(t => (t.Tier, t.Priority), ct);
        var ola = await db.OlaTargets.AsNoTracking().ToDictionaryAsync(t => (t.ResolverGroupId, t.Priority), ct);
        var tiers = await db.Services.AsNoTracking().Select(s => new { s.Id, s.Tier }).ToDictionaryAsync(s => s.Id, s => s.Tier, ct);
        var councils = await db.Councils.AsNoTracking().Select(c => new { c.Id, c.CalendarId }).ToDictionaryAsync(c => c.Id, c => c.CalendarId, ct);
        var calendars = await db.Calendars.AsNoTracking().Include(c => c.ClosureDays).ToDictionaryAsync(c => c.Id, ct);
        var chosen = await db.Partnership.AsNoTracking().Select(p => p.MajorIncidentCalendarId).FirstOrDefaultAsync(ct);
        var aroundTheClock = chosen is int id && calendars.TryGetValue(id, out var major) ? major : BusinessCalendar.AroundTheClock();
        var read = new Snapshot(generation, readAt, sla, ola, tiers, councils, calendars, aroundTheClock);
        // A change saved while this was read has moved the generation on: the next reader reads again.
        Volatile.Write(ref _current, read);
        return read;
    }

    /// <summary>Reference rows were saved (or their transaction ended): the next reader reads them again.</summary>
    public void Changed() => Interlocked.Increment(ref _generation);
}
