using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using MediatR;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace ServiceDesk.Api.Tests;

/// <summary>
/// The whole desk in memory over a real database: a fresh SQLite file (or a PostgreSQL database),
/// the demo partnership seeded at a fixed instant, and a fake clock the tests move.
/// </summary>
public class DeskFactory : WebApplicationFactory<Program>
{
    /// <summary>Monday 23 November 2026, 10:00 UTC (10:00 in London).</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private readonly string? _sqliteFile;
    private readonly string _connectionString;
    private readonly string _provider;

    private bool _ownsFile;

    public FakeTimeProvider Clock { get; }

    /// <summary>The SQLite file behind this desk (null on PostgreSQL).</summary>
    public string? SqliteFile => _sqliteFile;

    /// <summary>Leaves the database file in place when this desk stops, for a restart test to reopen.</summary>
    public string KeepDatabaseOnDispose()
    {
        _ownsFile = false;
        return _sqliteFile!;
    }

    public DeskFactory() : this(null) { }

    /// <summary>A desk on an existing SQLite file, e.g. the same database after a restart.</summary>
    public DeskFactory(string sqliteFile, DateTimeOffset now) : this(null, now, sqliteFile) { }

    protected DeskFactory(string? postgresConnectionString, DateTimeOffset? now = null, string? existingSqliteFile = null)
    {
        Clock = new FakeTimeProvider(now ?? Start);
        if (postgresConnectionString is null)
        {
            _ownsFile = existingSqliteFile is null;
            _sqliteFile = existingSqliteFile ?? Path.Combine(Path.GetTempPath(), $"servicedesk-test-{Guid.NewGuid():N}.db");
            _connectionString = $"Data Source={_sqliteFile}";
            _provider = "Sqlite";
        }
        else
        {
            _connectionString = postgresConnectionString;
            _provider = "PostgreSql";
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:ServiceDesk", _connectionString);
        builder.UseSetting("ServiceDesk:Database:Provider", _provider);
        builder.UseSetting("ServiceDesk:Jobs:RunServer", "false");
        builder.UseSetting("ServiceDesk:Database:SeedDemoPartnership", SeedsDemo ? "true" : "false");
        // The tests sign in and call the API far faster than people do; RateLimitTests lower these again.
        foreach (var limit in new[] { "SignIn", "SignInPerEmail", "PasswordReset", "Api" })
        {
            builder.UseSetting($"ServiceDesk:RateLimits:{limit}:Permits", "1000000");
            builder.UseSetting($"ServiceDesk:RateLimits:{limit}:WindowSeconds", "60");
        }
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            // Tests move the clock by days; keep sign-ins valid across that.
            services.Configure<BearerTokenOptions>(IdentityConstants.BearerScheme, o => o.BearerTokenExpiration = TimeSpan.FromDays(3650));
        });
    }

    /// <summary>
    /// Starts the desk. A fresh SQLite desk with the demo partnership starts from a copy of the first such
    /// desk this test run made at the same instant, taken just after it migrated and seeded: the start-up then
    /// finds the schema current and the partnership there, as on any restart, instead of building both again
    /// for each of the run's many desks. The first desk of each instant still migrates and seeds from nothing.
    /// </summary>
    protected override IHost CreateHost(IHostBuilder builder)
    {
        var key = _provider == "Sqlite" && _ownsFile && SeedsDemo && !File.Exists(_sqliteFile) ? $"{Clock.GetUtcNow().UtcTicks}" : null;
        string? template = null;
        var copied = key is not null && SeededTemplates.TryGetValue(key, out template);
        if (copied) File.Copy(template!, _sqliteFile!);
        var host = base.CreateHost(builder);
        if (key is not null && !copied) SeededTemplates.TryAdd(key, Snapshot(_sqliteFile!));
        return host;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> SeededTemplates = new();

    static DeskFactory() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        foreach (var file in SeededTemplates.Values) File.Delete(file);
    };

    /// <summary>A consistent copy of a running desk's database (SQLite's online backup, write-ahead log included).</summary>
    private static string Snapshot(string file)
    {
        var copy = Path.Combine(Path.GetTempPath(), $"servicedesk-seeded-{Guid.NewGuid():N}.db");
        using var source = new SqliteConnection($"Data Source={file};Pooling=False");
        using var target = new SqliteConnection($"Data Source={copy};Pooling=False");
        source.Open();
        target.Open();
        source.BackupDatabase(target);
        return copy;
    }

    /// <summary>Whether the desk starts with the demo partnership (else it waits for its first-run setup).</summary>
    protected virtual bool SeedsDemo => true;

    /// <summary>Further settings for a desk wired to real parts (mail servers).</summary>
    protected virtual IEnumerable<(string Key, string Value)> Settings => [];

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>An HTTP client signed in as a demo account.</summary>
    public Task<HttpClient> SignInAsync(string email) => SignInAsync(email, "Demo-Desk-2026!");

    /// <summary>An HTTP client signed in with an email and password.</summary>
    public async Task<HttpClient> SignInAsync(string email, string password)
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Runs a job class as Hangfire would: resolved from the container, in its own scope.</summary>
    public async Task RunJobAsync<TJob>(Func<TJob, Task> run) where TJob : notnull
    {
        using var scope = Services.CreateScope();
        await run(scope.ServiceProvider.GetRequiredService<TJob>());
    }

    /// <summary>Runs a use case as the system would (a background job), in its own scope.</summary>
    public async Task<T> SendAsync<T>(IRequest<T> request)
    {
        using var scope = Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (_sqliteFile is null || !_ownsFile) return;
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            File.Delete(_sqliteFile + suffix);
    }
}

/// <summary>The desk shared by the API tests of one collection.</summary>
public sealed class SharedDesk : DeskFactory;

/// <summary>One desk shared by the API tests of a collection (tests in a collection run one at a time).</summary>
[CollectionDefinition(Name)]
public sealed class DeskCollection : ICollectionFixture<SharedDesk>
{
    public const string Name = "desk";
}
