using System.Diagnostics;

namespace ServiceDesk.TestSupport;

/// <summary>
/// A throwaway PostgreSQL server from Debian's 'postgresql' package, on loopback, on a free
/// port, in a temporary folder; stopped and removed when disposed (the tests and the benchmarks
/// use it). PostgreSQL will not run as root, so under root it runs as the 'postgres' user.
/// </summary>
public class PostgresServer : IAsyncDisposable
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
