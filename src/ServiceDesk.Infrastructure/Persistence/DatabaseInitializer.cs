using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using ServiceDesk.Infrastructure.Jobs;
using ServiceDesk.Core.Domain;
using ServiceDesk.Infrastructure.Seeding;

namespace ServiceDesk.Infrastructure.Persistence;

/// <summary>
/// Applies the migrations of the configured provider at start-up, then seeds the reference data and,
/// on an empty database, either the demo partnership (when asked for) or a one-time setup link.
/// Several nodes may start together: on PostgreSQL they take turns under an advisory lock (one
/// migrates and seeds, the others then find the work done); an SQLite database serves one node.
/// </summary>
public sealed class DatabaseInitializer(ServiceDeskDbContext db, DeskDatabase database, IOptions<DatabaseOptions> options, SqliteSingleWriter sqliteWriter,
    IDataProtectionProvider dataProtection, TimeProvider time, AuditTrailInterceptor audit, ILogger<DatabaseInitializer> logger)
{
    /// <summary>Where the first-run setup page lives; the token goes in its query.</summary>
    public const string SetupPath = "/setup";

    /// <summary>The advisory lock nodes take while migrating and seeding (any number, the same on every node).</summary>
    private const long MigrationLockKey = 0x5345_5256_4445_534B; // "SERVDESK"

    public async Task InitializeAsync(CancellationToken ct = default)
    {
        if (database.Provider == DatabaseProvider.PostgreSql)
        {
            await WaitForPostgreSqlAsync(ct);
            await CreateDatabaseAsync(ct);
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                var connection = (NpgsqlConnection)db.Database.GetDbConnection();
                if (!await TryLockAsync(connection, ct))
                {
                    logger.LogInformation("Another node is migrating the database; waiting for it");
                    await using var wait = new NpgsqlCommand($"SELECT pg_advisory_lock({MigrationLockKey})", connection) { CommandTimeout = 0 };
                    await wait.ExecuteNonQueryAsync(ct);
                }
                try
                {
                    await db.Database.MigrateAsync(ct);
                    DeskJobStorage.InstallSchema(connection);
                    EnsureKeyRing();
                    await SeedAsync(ct);
                }
                finally
                {
                    await using var unlock = new NpgsqlCommand($"SELECT pg_advisory_unlock({MigrationLockKey})", connection);
                    await unlock.ExecuteNonQueryAsync(CancellationToken.None);
                }
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
            return;
        }

        sqliteWriter.Take(database);
        // Write-ahead logging is a property of the file: set once, before anything is written.
        await db.Database.ExecuteSqlRawAsync(DeskConnections.SqlitePragmaSql, ct);
        if (!await TryCreateFromScriptAsync(ct))
            await db.Database.MigrateAsync(ct);
        await SeedAsync(ct);
    }

    /// <summary>The script of every migration that the migrations assembly carries (see its project file).</summary>
    public const string FreshDatabaseScript = "FreshDatabase.sql";

    /// <summary>
    /// Creates the schema of an empty SQLite file from the migrations assembly's script of every
    /// migration: the same SQL that applying them one by one generates, without building each
    /// migration's model first (most of a first start's migration time). A script that does not end
    /// with the newest migration, or a file that has any table, is left to the migrations.
    /// </summary>
    private async Task<bool> TryCreateFromScriptAsync(CancellationToken ct)
    {
        var migrations = db.GetService<IMigrationsAssembly>();
        await using var stream = migrations.Assembly.GetManifestResourceStream(FreshDatabaseScript);
        var newest = migrations.Migrations.Keys.Max(StringComparer.Ordinal);
        if (stream is null || newest is null) return false;
        var script = await new StreamReader(stream).ReadToEndAsync(ct);
        if (!script.Contains($"VALUES ('{newest}',", StringComparison.Ordinal)) return false;

        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using (var tables = connection.CreateCommand())
            {
                tables.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table'";
                if (Convert.ToInt64(await tables.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) != 0) return false;
            }
            await using var create = connection.CreateCommand();
            create.CommandText = script;
            await create.ExecuteNonQueryAsync(ct);
            logger.LogInformation("Created the database from the script of its {Count} migrations", migrations.Migrations.Count);
            return true;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Makes the shared Data Protection key now, under the lock, so nodes starting together on an empty
    /// database agree on one key rather than each making its own.
    /// </summary>
    private void EnsureKeyRing() => dataProtection.CreateProtector("ServiceDesk.KeyRing").Protect([1]);

    /// <summary>Creates the database if it is missing; a node that loses the race to create it goes on.</summary>
    private async Task CreateDatabaseAsync(CancellationToken ct)
    {
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (await creator.ExistsAsync(ct)) return;
        try
        {
            await creator.CreateAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
        }
    }

    private static async Task<bool> TryLockAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"SELECT pg_try_advisory_lock({MigrationLockKey})", connection);
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// Waits for the PostgreSQL server, one log line a try, and gives up with one clear message. A
    /// server that answers but lacks the database counts as reachable: the migrations create it.
    /// </summary>
    private async Task WaitForPostgreSqlAsync(CancellationToken ct)
    {
        var o = options.Value;
        var attempts = Math.Max(1, o.StartupAttempts);
        for (var attempt = 1; ; attempt++)
        {
            string reason;
            try
            {
                await using var connection = new NpgsqlConnection(database.ConnectionString);
                await connection.OpenAsync(ct);
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
            {
                return;
            }
            catch (NpgsqlException e) when (e.IsTransient)
            {
                reason = e.InnerException?.Message ?? e.Message;
            }
            catch (TimeoutException e)
            {
                reason = e.Message;
            }
            if (attempt >= attempts)
                throw new DeskCannotStartException(
                    $"{database.Where} not reachable after {attempts} tries ({reason}). Check ConnectionStrings:ServiceDesk and that the server is running; the desk stops.");
            logger.LogWarning("{Database} not reachable, retrying in {Seconds} s (try {Attempt} of {Attempts}: {Reason})",
                database.Where, o.StartupRetrySeconds, attempt, attempts, reason);
            // Real time, not the desk's clock: this is the machine waiting for a server.
            await Task.Delay(TimeSpan.FromSeconds(Math.Max(0, o.StartupRetrySeconds)), ct);
        }
    }

    private async Task SeedAsync(CancellationToken ct)
    {
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
