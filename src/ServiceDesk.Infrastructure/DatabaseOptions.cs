using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ServiceDesk.Infrastructure;

/// <summary>Which database the desk uses (ServiceDesk:Database).</summary>
public sealed class DatabaseOptions
{
    public const string Section = "ServiceDesk:Database";

    /// <summary>Sqlite (the embedded default) or PostgreSql.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// Seed the demo partnership into an empty database. Left unset, only a Development desk does
    /// (the web host fills it in); elsewhere the demo must be asked for with true.
    /// </summary>
    public bool? SeedDemoPartnership { get; set; }

    /// <summary>Whether this desk runs the demo partnership (its demo accounts may sign in).</summary>
    public bool RunsDemo => SeedDemoPartnership == true;

    /// <summary>How many times start-up tries to reach the database before giving up.</summary>
    public int StartupAttempts { get; set; } = 12;

    /// <summary>Seconds between those tries.</summary>
    public int StartupRetrySeconds { get; set; } = 5;

    /// <summary>
    /// The provider named in configuration, read before the options are bound so that a wrong name
    /// stops the desk with the valid ones listed rather than a conversion error.
    /// </summary>
    public static DatabaseProvider ProviderIn(IConfiguration configuration)
    {
        var name = configuration[$"{Section}:{nameof(Provider)}"];
        if (string.IsNullOrWhiteSpace(name)) return DatabaseProvider.Sqlite;
        if (Enum.TryParse<DatabaseProvider>(name.Trim(), ignoreCase: true, out var provider) && Enum.IsDefined(provider)) return provider;
        throw new OptionsValidationException($"{Section}:{nameof(Provider)}", typeof(DatabaseOptions),
            [$"{Section}:{nameof(Provider)} is '{name}', which is not one of {string.Join(", ", Enum.GetNames<DatabaseProvider>())}."]);
    }
}

/// <summary>The database this node uses, as configured: for job storage, health checks and start-up.</summary>
public sealed record DeskDatabase(DatabaseProvider Provider, string ConnectionString)
{
    /// <summary>Where the database is, for log lines (never the password).</summary>
    public string Where => Provider == DatabaseProvider.PostgreSql
        ? new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString) is var b ? $"PostgreSQL at {b.Host}:{b.Port}" : ""
        : $"SQLite at {new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(ConnectionString).DataSource}";
}

public enum DatabaseProvider { Sqlite, PostgreSql }
