using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace ServiceDesk.Infrastructure.Persistence;

/// <summary>
/// How the desk talks to each database. SQLite: write-ahead logging (readers never wait for the
/// writer), commits synced at checkpoints rather than on every commit (a power cut may lose the last
/// commits, never corrupt the file), and SQLite's own busy wait of up to five seconds for the write
/// lock instead of the driver's own retry, which sleeps a thread between tries, and the file read
/// through memory mapping (up to 2 GB) rather than a read call per page: a search that checks
/// thousands of tickets by their key costs half the processor time (bench/README.md). PostgreSQL: statements
/// prepared on the server once used twice, and pooled connections handed back without DISCARD ALL.
/// </summary>
public static class DeskConnections
{
    /// <summary>The SQLite settings every connection of the desk runs with, in words (for logs and benchmarks).</summary>
    public const string SqlitePragmas = "journal_mode=WAL, synchronous=NORMAL, busy_timeout=5000, mmap_size=2147418112";

    /// <summary>The same settings as SQL. The journal mode is kept in the file; the others hold for one connection.</summary>
    public const string SqlitePragmaSql = "PRAGMA journal_mode=WAL; " + SqliteConnectionPragmaSql;

    private const string SqliteConnectionPragmaSql = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000; PRAGMA mmap_size=2147418112;";

    /// <summary>How many statements each PostgreSQL connection keeps prepared, unless the connection string says.</summary>
    public const int MaxAutoPrepare = 128;

    /// <summary>
    /// The connection string of the desk's own (EF Core) PostgreSQL connections, with the desk's
    /// defaults for what the configured one leaves unsaid: Max Auto Prepare (a statement run twice on
    /// a connection is prepared, and later runs skip parsing and planning), Auto Prepare Min Usages=2,
    /// and No Reset On Close=true. The reset (DISCARD ALL, a round trip each time a connection goes
    /// back to the pool) is not needed: these connections leave no session state behind (no SET, no
    /// temporary tables, no LISTEN; the start-up advisory lock is released in a finally before its
    /// connection is closed). The job storage, which LISTENs for new jobs, keeps its own pool with the
    /// reset (its connection string differs, so Npgsql pools it apart).
    /// </summary>
    public static string PostgreSql(string connectionString)
    {
        var said = new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Select(k => k.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant()).ToHashSet();
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!said.Contains("maxautoprepare")) builder.MaxAutoPrepare = MaxAutoPrepare;
        if (!said.Contains("autoprepareminusages")) builder.AutoPrepareMinUsages = 2;
        if (!said.Contains("noresetonclose")) builder.NoResetOnClose = true;
        return builder.ConnectionString;
    }

    /// <summary>Sets a SQLite connection's per-connection settings each time it opens (a pooled connection too: cheap, no I/O).</summary>
    public sealed class SqliteSettings : DbConnectionInterceptor
    {
        public static readonly SqliteSettings Instance = new();

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            using var command = connection.CreateCommand();
            command.CommandText = SqliteConnectionPragmaSql;
            command.ExecuteNonQuery();
        }

        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = SqliteConnectionPragmaSql;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
