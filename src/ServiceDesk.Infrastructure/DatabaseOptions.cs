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
}

public enum DatabaseProvider { Sqlite, PostgreSql }
