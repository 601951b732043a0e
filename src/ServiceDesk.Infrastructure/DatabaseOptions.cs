namespace ServiceDesk.Infrastructure;

/// <summary>Which database the desk uses (ServiceDesk:Database).</summary>
public sealed class DatabaseOptions
{
    public const string Section = "ServiceDesk:Database";

    /// <summary>Sqlite (the embedded default) or PostgreSql.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Seed the demo partnership into an empty database.</summary>
    public bool SeedDemoPartnership { get; set; } = true;
}

public enum DatabaseProvider { Sqlite, PostgreSql }
