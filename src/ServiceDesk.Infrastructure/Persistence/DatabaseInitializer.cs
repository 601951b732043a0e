using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServiceDesk.Core.Domain;
using ServiceDesk.Infrastructure.Seeding;

namespace ServiceDesk.Infrastructure.Persistence;

/// <summary>
/// Applies the migrations of the configured provider at start-up, then seeds the reference data and,
/// on an empty database, either the demo partnership (when asked for) or a one-time setup link.
/// </summary>
public sealed class DatabaseInitializer(ServiceDeskDbContext db, IOptions<DatabaseOptions> options, TimeProvider time, AuditTrailInterceptor audit, ILogger<DatabaseInitializer> logger)
{
    /// <summary>Where the first-run setup page lives; the token goes in its query.</summary>
    public const string SetupPath = "/setup";

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

        var settings = await db.Partnership.FirstOrDefaultAsync(ct);
        if (await db.People.AnyAsync(ct))
        {
            // Desks from before the setup step were all seeded with the demo partnership.
            if (settings is null)
            {
                db.Partnership.Add(PartnershipSettings.Demo(DemoPartnership.Name, DemoPartnership.SharedIctDomain, time.GetUtcNow().UtcDateTime));
                await db.SaveChangesAsync(ct);
            }
            return;
        }

        if (options.Value.RunsDemo)
        {
            // All or nothing: a half-seeded partnership would never be completed.
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (settings is not null) db.Partnership.Remove(settings);
            db.Partnership.Add(PartnershipSettings.Demo(DemoPartnership.Name, DemoPartnership.SharedIctDomain, time.GetUtcNow().UtcDateTime));
            await new DemoPartnership(db, time).SeedAsync(ct);
            var summary = $"The demo partnership was set up: {await db.Councils.CountAsync(ct)} councils, {await db.People.CountAsync(ct)} people, "
                + $"{await db.ResolverGroups.CountAsync(ct)} resolver groups and {await db.Services.CountAsync(ct)} catalogue services.";
            db.AuditEntries.Add(new AuditEntry(time.GetUtcNow().UtcDateTime, null, AuditEntry.TheDesk, AuditAction.Added,
                AuditedTypes.Partnership, "Demo partnership", summary, null, null));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            logger.LogInformation("Seeded the demo partnership (three councils and their tickets)");
            return;
        }

        // An empty desk for real use: nothing is seeded; the first service manager sets it up
        // through a link that works once. Each start before then issues a fresh link.
        string token;
        if (settings is null) (settings, token) = PartnershipSettings.AwaitingSetup();
        else token = settings.IssueSetupToken();
        if (settings.Id == 0) db.Partnership.Add(settings);
        await db.SaveChangesAsync(ct);
        logger.LogWarning("This desk is not set up yet. Open {SetupLink} to name the partnership and create its first service manager; the link works once.",
            $"{SetupPath}?token={token}");
    }
}
