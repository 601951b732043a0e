using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Npgsql;

namespace ServiceDesk.Infrastructure.Jobs;

/// <summary>
/// Where the background jobs are kept: with the desk's own PostgreSQL database when it has one, so
/// every node shares one set of jobs (a recurring job runs once per partnership, delayed SLA timers
/// outlive a node, and <see cref="DisableConcurrentExecutionAttribute"/> holds across nodes); in
/// memory on the embedded SQLite default, which is one node and keeps its truth in the database.
/// </summary>
public static class DeskJobStorage
{
    /// <summary>The PostgreSQL schema of Hangfire's tables, beside the desk's own.</summary>
    public const string Schema = "hangfire";

    /// <param name="database">The desk's database.</param>
    /// <param name="staleLockAfter">When a job lock left by a node that stopped (a recurring-job scheduler's, a sweep's) is freed.</param>
    public static JobStorage For(DeskDatabase database, TimeSpan staleLockAfter)
    {
        if (database.Provider != DatabaseProvider.PostgreSql) return new InMemoryStorage();
        var options = new PostgreSqlStorageOptions
        {
            SchemaName = Schema,
            // The schema is installed at start-up under the migration lock (see DatabaseInitializer).
            PrepareSchemaIfNecessary = false,
            // Nodes hear of new jobs at once (LISTEN/NOTIFY) rather than at the next queue poll.
            EnableLongPolling = true,
            // A job taken by a node that stopped goes back to the queue after this, not after 30 minutes.
            UseSlidingInvisibilityTimeout = true,
            InvisibilityTimeout = TimeSpan.FromMinutes(5),
            DistributedLockTimeout = staleLockAfter,
        };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(database.ConnectionString, options), options);
    }

    /// <summary>Creates or upgrades Hangfire's tables (idempotent; the caller holds the migration lock).</summary>
    public static void InstallSchema(NpgsqlConnection connection) => PostgreSqlObjectsInstaller.Install(connection, Schema);
}
