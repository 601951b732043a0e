using System.Diagnostics;
using System.Text;
using MimeKit;

namespace ServiceDesk.TestSupport;

/// <summary>
/// A throwaway SMTP server from Debian's 'python3-aiosmtpd' package, on loopback, on a free port:
/// <c>/usr/bin/python3 -m aiosmtpd -n -l 127.0.0.1:PORT -c aiosmtpd.handlers.Mailbox DIR</c> accepts
/// every message (no authentication, no TLS) and writes it into the Maildir DIR, where a test reads
/// it back with MimeKit. Debian's /usr/bin/python3 is used because another python3 on the PATH may
/// not see the package. Call <see cref="InitializeAsync"/> to start it and dispose it to stop it.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    /// <summary>The Debian package that provides the server.</summary>
    public const string DebianPackage = "python3-aiosmtpd";

    private const string Python = "/usr/bin/python3";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);

    private readonly StringBuilder _log = new();
    private Process? _process;
    private string? _root;

    /// <summary>aiosmtpd is installed; when false, tests are skipped (or fail under CI) and benchmarks stop (see <see cref="MissingPart"/>).</summary>
    public bool Available { get; private set; }

    public string Host => Loopback.Host;
    public int Port { get; private set; }

    /// <summary>The Maildir the sink writes into.</summary>
    public string MaildirPath => Path.Combine(_root ?? throw new InvalidOperationException("The SMTP sink has not been initialised."), "maildir");

    public bool Running => _process is { HasExited: false };

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(Python) || !await HasAiosmtpdAsync()) return;
        _root = Path.Combine(Path.GetTempPath(), $"servicedesk-smtp-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_root);
        Port = Loopback.FreePort();
        Available = true;
        try
        {
            await StartAsync();
        }
        catch
        {
            // A test framework does not dispose a fixture whose start failed: clean up here.
            await DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (_root is null) return;
        try { Directory.Delete(_root, recursive: true); }
        catch (IOException) { }
    }

    /// <summary>Every message the sink has received, oldest first.</summary>
    public IReadOnlyList<MimeMessage> Messages()
    {
        if (_root is null || !Directory.Exists(MaildirPath)) return [];
        var files = new[] { "new", "cur" }
            .Select(sub => Path.Combine(MaildirPath, sub))
            .Where(Directory.Exists)
            .SelectMany(Directory.GetFiles)
            .Select(f => new FileInfo(f))
            .OrderBy(f => f.LastWriteTimeUtc).ThenBy(f => f.Name, StringComparer.Ordinal);
        var messages = new List<MimeMessage>();
        foreach (var file in files)
        {
            using var stream = file.OpenRead();
            messages.Add(MimeMessage.Load(stream));
        }
        return messages;
    }

    /// <summary>Starts the sink (again) on the same port; messages received before are kept.</summary>
    public async Task StartAsync()
    {
        if (!Available) throw new InvalidOperationException("aiosmtpd is not installed.");
        if (Running) return;

        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _root,
        };
        foreach (var argument in new[] { "-m", "aiosmtpd", "-n", "-l", $"{Host}:{Port}", "-c", "aiosmtpd.handlers.Mailbox", MaildirPath })
            start.ArgumentList.Add(argument);
        start.Environment["PYTHONUNBUFFERED"] = "1";

        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Log(e.Data);
        process.ErrorDataReceived += (_, e) => Log(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        var deadline = DateTime.UtcNow + StartTimeout;
        while (!await Loopback.AcceptsAsync(Port))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                await StopAsync();
                throw new InvalidOperationException($"aiosmtpd did not accept connections on {Host}:{Port}.\n{ReadLog()}");
            }
            await Task.Delay(50);
        }
    }

    /// <summary>Stops the sink: its port refuses connections until StartAsync.</summary>
    public async Task StopAsync()
    {
        var process = _process;
        _process = null;
        if (process is null) return;
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            process.Dispose();
        }
    }

    /// <summary>What aiosmtpd wrote, for failure messages.</summary>
    public string ReadLog()
    {
        lock (_log) return _log.Length == 0 ? "(aiosmtpd wrote nothing)" : _log.ToString();
    }

    private void Log(string? line)
    {
        if (line is null) return;
        lock (_log) _log.AppendLine(line);
    }

    private static async Task<bool> HasAiosmtpdAsync()
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-c", "import aiosmtpd" }) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        await output;
        await error;
        return process.ExitCode == 0;
    }
}
