using System.Diagnostics;
using System.Text;

namespace ServiceDesk.TestSupport;

/// <summary>A server started as a child process, its output kept for failure messages, killed when disposed.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly StringBuilder _log = new();
    private readonly Process _process;

    private ServerProcess(Process process) => _process = process;

    public bool Running => !_process.HasExited;

    /// <summary>The operating system's id of the process (e.g. to read its memory).</summary>
    public int Id => _process.Id;

    public static ServerProcess Start(string file, IEnumerable<string> arguments, string workingDirectory, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        var server = new ServerProcess(new Process { StartInfo = start });
        server._process.OutputDataReceived += (_, e) => server.Log(e.Data);
        server._process.ErrorDataReceived += (_, e) => server.Log(e.Data);
        server._process.Start();
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        return server;
    }

    /// <summary>Waits until the port accepts connections, or fails with the server's output.</summary>
    public async Task WaitForPortAsync(int port, string what, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (!await Loopback.AcceptsAsync(port))
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
                throw new InvalidOperationException($"{what} did not accept connections on port {port}.\n{ReadLog()}");
            await Task.Delay(50);
        }
    }

    /// <summary>Ends the process at once (SIGKILL), as a crash would.</summary>
    public async Task KillAsync()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _process.WaitForExitAsync(timeout.Token);
    }

    public string ReadLog()
    {
        lock (_log) return _log.Length == 0 ? "(no output)" : _log.ToString();
    }

    private void Log(string? line)
    {
        if (line is null) return;
        lock (_log) _log.AppendLine(line);
    }

    public async ValueTask DisposeAsync()
    {
        try { await KillAsync(); }
        finally { _process.Dispose(); }
    }
}

/// <summary>
/// A throwaway Redis from Debian's 'redis-server', on loopback, on a free port, keeping nothing on disk.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    public const string DebianPackage = "redis-server";
    private const string Binary = "/usr/bin/redis-server";
    private ServerProcess? _process;
    private string? _root;

    public bool Available => File.Exists(Binary);
    public int Port { get; private set; }
    public string ConnectionString => $"{Loopback.Host}:{Port}";

    public async Task StartAsync()
    {
        _root = Path.Combine(Path.GetTempPath(), $"servicedesk-redis-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_root);
        Port = Loopback.FreePort();
        _process = ServerProcess.Start(Binary, ["--port", Port.ToString(), "--bind", Loopback.Host, "--save", "", "--appendonly", "no", "--dir", _root], _root);
        await _process.WaitForPortAsync(Port, "redis-server", TimeSpan.FromSeconds(15));
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null) await _process.DisposeAsync();
        if (_root is not null) try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }
}

/// <summary>
/// A throwaway nginx from Debian's 'nginx' as a round-robin load balancer in front of several nodes
/// on loopback, passing WebSocket upgrades on (SignalR), logging which node served each request.
/// </summary>
public sealed class NginxBalancer : IAsyncDisposable
{
    public const string DebianPackage = "nginx";
    private const string Binary = "/usr/sbin/nginx";
    private ServerProcess? _process;
    private string? _root;

    public bool Available => File.Exists(Binary);
    public int Port { get; private set; }
    public string BaseUrl => $"http://{Loopback.Host}:{Port}";

    /// <summary>The node (loopback port) that served each request, in order.</summary>
    public IReadOnlyList<string> Upstreams() =>
        _root is null || !File.Exists(Path.Combine(_root, "access.log")) ? [] : File.ReadAllLines(Path.Combine(_root, "access.log"));

    public async Task StartAsync(IEnumerable<int> nodePorts)
    {
        _root = Path.Combine(Path.GetTempPath(), $"servicedesk-nginx-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_root);
        Port = Loopback.FreePort();
        var servers = string.Concat(nodePorts.Select(p => $"    server {Loopback.Host}:{p} max_fails=1 fail_timeout=30s;\n"));
        // Under root the workers would run as 'nobody', which may not write the temporary folder.
        var user = Environment.UserName == "root" ? "user root;\n" : "";
        var config = $$"""
            {{user}}daemon off;
            worker_processes 1;
            pid {{_root}}/nginx.pid;
            error_log {{_root}}/error.log warn;
            events { worker_connections 512; }
            http {
              log_format upstream '$upstream_addr';
              access_log {{_root}}/access.log upstream;
              client_body_temp_path {{_root}}/body;
              proxy_temp_path {{_root}}/proxy;
              fastcgi_temp_path {{_root}}/fastcgi;
              uwsgi_temp_path {{_root}}/uwsgi;
              scgi_temp_path {{_root}}/scgi;
              map $http_upgrade $connection_upgrade { default upgrade; '' close; }
              upstream desk {
            {{servers}}  }
              server {
                listen {{Loopback.Host}}:{{Port}};
                location / {
                  proxy_pass http://desk;
                  proxy_http_version 1.1;
                  proxy_set_header Upgrade $http_upgrade;
                  proxy_set_header Connection $connection_upgrade;
                  proxy_set_header Host $host;
                }
              }
            }
            """;
        var file = Path.Combine(_root, "nginx.conf");
        await File.WriteAllTextAsync(file, config);
        _process = ServerProcess.Start(Binary, ["-c", file, "-p", _root, "-e", Path.Combine(_root, "error.log")], _root);
        await _process.WaitForPortAsync(Port, "nginx", TimeSpan.FromSeconds(15));
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null) await _process.DisposeAsync();
        if (_root is not null) try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }
}
