using System.Diagnostics;
using ServiceDesk.TestSupport;

namespace ServiceDesk.Api.Tests;

/// <summary>
/// A throwaway PostgreSQL server from Debian's 'postgresql' package, on loopback, on a free
/// port, in a temporary folder; stopped and removed when the tests are done. PostgreSQL will
/// not run as root, so under root it runs as the 'postgres' user.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private string? _dataDir;
    private string? _binDir;

    public bool Available { get; private set; }
    public string ConnectionString { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        _binDir = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "pg_ctl"))).OrderDescending().FirstOrDefault()
            : null;
        if (_binDir is null) return;

        var root = Path.Combine(Path.GetTempPath(), $"servicedesk-pg-{Guid.NewGuid():N}");
        _dataDir = Path.Combine(root, "data");
        Directory.CreateDirectory(root);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(root, (UnixFileMode)0b111_101_101);
        var port = Loopback.FreePort();
        if (IsRoot) await RunAsync("chown", $"postgres:postgres {root}");

        await RunAsPostgresAsync("initdb", $"-D {_dataDir} -A trust -U postgres --no-sync -E UTF8");
        await RunAsPostgresAsync("pg_ctl",
            $"-D {_dataDir} -l {Path.Combine(root, "server.log")} -w -t 60 -o \"-k {root} -p {port} -c listen_addresses=127.0.0.1 -c fsync=off\" start");
        ConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=servicedesk_test;Pooling=false";
        Available = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (_dataDir is null) return;
        if (Available) await RunAsPostgresAsync("pg_ctl", $"-D {_dataDir} -m immediate -w stop");
        try { Directory.Delete(Path.GetDirectoryName(_dataDir)!, recursive: true); } catch (IOException) { }
    }

    private static bool IsRoot => Environment.UserName == "root";

    private Task RunAsPostgresAsync(string tool, string arguments) =>
        IsRoot
            ? RunAsync("runuser", $"-u postgres -- {Path.Combine(_binDir!, tool)} {arguments}")
            : RunAsync(Path.Combine(_binDir!, tool), arguments);

    private static async Task RunAsync(string file, string arguments)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/tmp" };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {arguments} failed ({process.ExitCode}): {await output}{await error}");
    }
}

/// <summary>The desk over a real PostgreSQL database.</summary>
public sealed class PostgresDeskFactory(PostgresServer server) : DeskFactory(server.ConnectionString);

public sealed class PostgresLifecycleTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task A_ticket_is_walked_from_report_to_closure_through_the_API_on_PostgreSQL()
    {
        RealParts.Require(server.Available, "postgresql", "The PostgreSQL lifecycle test");
        await using var desk = new PostgresDeskFactory(server);
        await LifecycleScenario.RunAsync(desk);
    }
}

/// <summary>Knowledge search on the scaled provider: PostgreSQL's tsvector index, ranking, typo correction and audiences.</summary>
public sealed class PostgresKnowledgeTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task Articles_are_searched_ranked_and_corrected_on_PostgreSQL_within_their_audience()
    {
        RealParts.Require(server.Available, "postgresql", "The PostgreSQL knowledge search test");
        await using var desk = new PostgresDeskFactory(server);
        var alice = await desk.SignInAsync(Accounts.MaidstoneRequester);
        var frank = await desk.SignInAsync(Accounts.SwaleRequester);
        var priya = await desk.SignInAsync(Accounts.Agent);

        var found = await alice.GetJsonAsync("/api/v1/articles?q=outlok+password");
        Assert.Equal("Outlook keeps asking for my password", found.GetProperty("items")[0].Str("title"));
        Assert.Equal("outlook password", found.Str("didYouMean"));
        await alice.GetJsonAsync("/api/v1/articles?q=%22outlook%22+%26+!+%3A*+%7C");

        var swaleOnly = await priya.PostJsonAsync("/api/v1/articles", new
        {
            title = "Brackwater lockers at Swale House", body = "Use your pass on the brackwater locker.", audience = "ChosenCouncils", councils = new[] { "SBC" }, publish = true,
        }, System.Net.HttpStatusCode.Created);
        Assert.Single((await frank.GetJsonAsync("/api/v1/articles?q=brackwatr")).GetProperty("items").EnumerateArray());
        Assert.Empty((await alice.GetJsonAsync("/api/v1/articles?q=brackwater")).GetProperty("items").EnumerateArray());
        await alice.GetJsonAsync($"/api/v1/articles/{swaleOnly.Str("reference")}", System.Net.HttpStatusCode.NotFound);

        var suggested = await frank.GetJsonAsync("/api/v1/articles/suggestions?text=my+laptop+will+not+join+the+wifi");
        Assert.Equal("Connect to the office Wi-Fi on a council laptop", suggested.GetProperty("items")[0].Str("title"));
        await frank.PostJsonAsync($"/api/v1/articles/{suggested.GetProperty("items")[0].Str("reference")}/deflections", new { summary = "wifi" }, System.Net.HttpStatusCode.Created);
    }
}
