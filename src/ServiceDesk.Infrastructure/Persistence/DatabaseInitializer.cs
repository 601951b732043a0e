using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServiceDesk.Core.Domain;
using ServiceDesk.Infrastructure.Seeding;

namespace ServiceDesk.Infrastructure.Persistence;

/// <summary>Applies the migrations of the configured provider at start-up, then seeds an empty database.</summary>
public sealed class DatabaseInitializer(
    ServiceDeskDbContext db, IOptions<DatabaseOptions> options, TimeProvider time, AuditTrailInterceptor audit, ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken ct = default)
    {
        await db.Database.MigrateAsync(ct);
        // Reference data and the demo are where the desk starts, not changes anyone made: the demo
        // gets one line on the audit list, not one per council, person and bank holiday.
        using var paused = audit.Pause();
        if (!await db.Calendars.AnyAsync(ct))
        {
            ReferenceData.SeedCalendars(db);
            await db.SaveChangesAsync(ct);
            logger.LogInformation("Seeded the business calendars and England & Wales bank holidays");
        }
        if (!await db.SlaTargets.AnyAsync(ct))
        {
            ReferenceData.SeedSlaTargets(db);
            await db.SaveChangesAsync(ct);
        }
        if (options.Value.SeedDemoPartnership && !await db.Councils.AnyAsync(ct))
        {
            // All or nothing: a half-seeded partnership would never be completed.
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await new DemoPartnership(db, time).SeedAsync(ct);
            var summary = $"The demo partnership was set up: {await db.Councils.CountAsync(ct)} councils, {await db.People.CountAsync(ct)} people, "
                + $"{await db.ResolverGroups.CountAsync(ct)} resolver groups and {await db.Services.CountAsync(ct)} catalogue services.";
            db.AuditEntries.Add(new AuditEntry(time.GetUtcNow().UtcDateTime, null, AuditEntry.TheDesk, AuditAction.Added,
                AuditedTypes.Partnership, "Demo partnership", summary, null, null));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            logger.LogInformation("Seeded the demo partnership (three councils and their tickets)");
        }
    }
}
