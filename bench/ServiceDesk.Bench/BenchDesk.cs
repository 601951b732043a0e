using Hangfire;
using Hangfire.InMemory;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using ServiceDesk.Core;
using ServiceDesk.Core.Abstractions;
using ServiceDesk.Infrastructure;
using ServiceDesk.Infrastructure.Identity;
using ServiceDesk.Infrastructure.Persistence;

/// <summary>
/// The desk without its web host, as its background jobs see it: the real use cases and jobs over a
/// fresh SQLite file seeded with the demo partnership (as the app seeds it on first start), at a fixed
/// instant. Disposing it deletes the file; a desk opened on a database of its own keeps it.
/// </summary>
sealed class BenchDesk : IAsyncDisposable
{
    private readonly string? _file;

    private BenchDesk(string? file, FakeTimeProvider clock, ServiceProvider services) => (_file, Clock, Services) = (file, clock, services);

    public FakeTimeProvider Clock { get; }
    public ServiceProvider Services { get; }
    public long DatabaseBytes => _file is null ? 0 : new[] { "", "-wal" }.Select(s => new FileInfo(_file + s)).Where(f => f.Exists).Sum(f => f.Length);

    /// <param name="settings">Further configuration, as the app reads it (ServiceDesk:…).</param>
    /// <param name="configure">Further services, or replacements (e.g. timers that schedule nothing).</param>
    public static Task<BenchDesk> StartAsync(DateTime now, IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection> configure,
        Action<ILoggingBuilder>? logging = null)
    {
        var file = Path.Combine(Path.GetTempPath(), $"servicedesk-bench-{Guid.NewGuid():N}.db");
        return StartAsync(DatabaseProvider.Sqlite, $"Data Source={file}", file, now, settings, configure, logging);
    }

    /// <summary>The desk over a database that outlives it (a loaded benchmark database), migrated and seeded if new.</summary>
    public static Task<BenchDesk> OpenAsync(DatabaseProvider provider, string connectionString, DateTime now, IReadOnlyDictionary<string, string?> settings,
        Action<IServiceCollection> configure, Action<ILoggingBuilder>? logging = null) =>
        StartAsync(provider, connectionString, null, now, settings, configure, logging);

    private static async Task<BenchDesk> StartAsync(DatabaseProvider provider, string connectionString, string? file, DateTime now,
        IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection> configure, Action<ILoggingBuilder>? logging)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(now));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:ServiceDesk"] = connectionString,
            ["ServiceDesk:Database:Provider"] = provider.ToString(),
            ["ServiceDesk:Database:SeedDemoPartnership"] = "true",
        }).AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection()
            .AddLogging(l =>
            {
                // The migrations' note that a SQLite table rebuild runs outside a transaction is for operators, not for the figures.
                l.SetMinimumLevel(LogLevel.Warning).AddFilter("Microsoft.EntityFrameworkCore.Migrations", LogLevel.Error).AddSimpleConsole();
                logging?.Invoke(l);
            })
            .AddSingleton<TimeProvider>(clock)
            .AddSingleton<BenchActor>()
            .AddSingleton<ICurrentActor>(sp => sp.GetRequiredService<BenchActor>())
            .AddServiceDeskCore(typeof(ServiceDeskDbContext).Assembly)
            .AddServiceDeskInfrastructure(configuration, Path.GetTempPath());
        // Invitations (bulk onboarding) need the invitation links' token provider, as in the app.
        services.AddDataProtection();
        services.AddIdentityCore<DeskUser>().AddEntityFrameworkStores<ServiceDeskDbContext>()
            .AddTokenProvider<InvitationTokenProvider>(InvitationTokenProvider.ProviderName);
        // As in the app, background work (SLA timers, the outbox trigger) is queued as Hangfire jobs in
        // in-memory storage; no job server runs, so nothing queued runs (and no mail is sent).
        services.AddSingleton<JobStorage>(_ => new InMemoryStorage());
        services.AddSingleton<IBackgroundJobClient>(sp => new BackgroundJobClient(sp.GetRequiredService<JobStorage>()));
        configure(services);

        var desk = new BenchDesk(file, clock, services.BuildServiceProvider());
        try
        {
            using var scope = desk.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        }
        catch
        {
            await desk.DisposeAsync();
            throw;
        }
        return desk;
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (_file is null) return;
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(_file + suffix);
    }
}

/// <summary>No one is signed in: the desk acts as a background job does.</summary>
/// <summary>Who the use cases act for: nobody (jobs), unless a benchmark signs someone in.</summary>
sealed class BenchActor : ICurrentActor { public int? PersonId { get; set; } }
