using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using ServiceDesk.Infrastructure;
using ServiceDesk.Infrastructure.Persistence;

namespace ServiceDesk.Api.Tests;

/// <summary>
/// A desk's first start on an empty SQLite file runs the migrations assembly's script of every
/// migration instead of applying them one by one: the script must be exactly what the migrations
/// generate, and make the same database.
/// </summary>
public sealed class FreshDatabaseScriptTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("servicedesk-script-").FullName;

    [Fact]
    public void The_script_is_what_the_migrations_generate()
    {
        using var db = Context(Path.Combine(_folder, "generated.db"));
        var generated = db.GetService<IMigrator>().GenerateScript();
        Assert.True(Normalise(generated) == Normalise(Script(db)),
            "migrations/ServiceDesk.Migrations.Sqlite/FreshDatabase.sql is out of date: make it again with `dotnet ef migrations script` "
            + "(see the migrations project file).");
    }

    [Fact]
    public async Task The_script_makes_the_database_the_migrations_make()
    {
        var migrated = Path.Combine(_folder, "migrated.db");
        await using (var db = Context(migrated))
            await db.Database.MigrateAsync(TestContext.Current.CancellationToken);

        var scripted = Path.Combine(_folder, "scripted.db");
        await using (var db = Context(scripted))
        {
            await using var connection = new SqliteConnection($"Data Source={scripted};Pooling=false");
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = Script(db);
            await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        Assert.Equal(Schema(migrated), Schema(scripted));
        Assert.Equal(History(migrated), History(scripted));
    }

    private static ServiceDeskDbContext Context(string file) =>
        new(new DbContextOptionsBuilder<ServiceDeskDbContext>()
            .UseSqlite($"Data Source={file};Pooling=false", o => o.MigrationsAssembly(ServiceCollectionExtensions.SqliteMigrationsAssembly))
            .Options);

    private static string Script(ServiceDeskDbContext db)
    {
        using var stream = db.GetService<IMigrationsAssembly>().Assembly.GetManifestResourceStream(DatabaseInitializer.FreshDatabaseScript)
            ?? throw new InvalidOperationException("The migrations assembly carries no script.");
        return new StreamReader(stream).ReadToEnd();
    }

    private static string Normalise(string sql) => sql.TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal).Trim();

    // The migrations' lock table is made by the first migration run, at the next start of a scripted desk.
    private static List<string> Schema(string file) =>
        Rows(file, "SELECT type || ' ' || name || ' ' || tbl_name || ': ' || coalesce(sql, '') FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND name <> '__EFMigrationsLock' ORDER BY type, name");

    private static List<string> History(string file) => Rows(file, "SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\" ORDER BY 1");

    private static List<string> Rows(string file, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={file};Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read()) rows.Add(reader.GetString(0));
        return rows;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
