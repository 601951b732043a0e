using ServiceDesk.TestSupport;

/// <summary>The built web host run by the dotnet host as a process of its own, as in service; killed when disposed.</summary>
sealed class DeskProcess : IAsyncDisposable
{
    private readonly ServerProcess _process;

    private DeskProcess(ServerProcess process) => _process = process;

    public bool Running => _process.Running;
    public string Log => _process.ReadLog();

    /// <summary>The desk's resident set (VmRSS), as the operating system counts it.</summary>
    public double WorkingSetMb => ResidentMb(_process.Id);

    /// <summary>The web host built in Release (bench/*.sh build it first).</summary>
    /// <summary>The processor time the desk has used so far (user and system), from /proc.</summary>
    public double CpuSeconds
    {
        get
        {
            var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11]) + long.Parse(fields[12])) / 100.0;
        }
    }

    public static string WebHost()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ServiceDesk.sln"))) dir = dir.Parent;
        var dll = Path.Combine(dir?.FullName ?? ".", "src", "ServiceDesk.Web", "bin", "Release", "net10.0", "ServiceDesk.Web.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the web host first: dotnet build -c Release src/ServiceDesk.Web", dll);
    }

    public static DeskProcess Start(string webHost, IDictionary<string, string> settings)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        return new DeskProcess(ServerProcess.Start(dotnet, [webHost], Path.GetDirectoryName(webHost)!, settings));
    }

    public static double ResidentMb(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
