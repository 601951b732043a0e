using System.Diagnostics;
using System.Text;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using MimeKit;

namespace ServiceDesk.TestSupport;

/// <summary>
/// A throwaway IMAP server from Debian's 'dovecot-imapd' package, on loopback, on a free port, in a
/// temporary folder with a config of its own (docs/testing.md). Started as
/// <c>/usr/sbin/dovecot -c CONF</c> and stopped with <c>/usr/sbin/dovecot -c CONF stop</c>. Users
/// log in with PLAIN passwords from a passwd-file; each user has a file of their own, so users
/// can be added before or after the server starts. Under root its processes run as dovecot/dovenull.
/// Call <see cref="InitializeAsync"/> to start it (a test fixture's start) and dispose it to stop it.
/// </summary>
public sealed class DovecotServer : IAsyncDisposable
{
    /// <summary>The Debian package that provides the server.</summary>
    public const string DebianPackage = "dovecot-imapd";

    private const string Binary = "/usr/sbin/dovecot";
    private const string ImapBinary = "/usr/lib/dovecot/imap";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    private string? _root;

    /// <summary>Dovecot is installed; when false, tests are skipped (or fail under CI) and benchmarks stop (see <see cref="MissingPart"/>).</summary>
    public bool Available { get; private set; }

    public string Host => Loopback.Host;
    public int Port { get; private set; }

    /// <summary>Whether the server is running (between StartAsync and StopAsync).</summary>
    public bool Running { get; private set; }

    private string Root => _root ?? throw new InvalidOperationException("The Dovecot fixture has not been initialised.");
    private string ConfigFile => Path.Combine(Root, "dovecot.conf");
    private string LogFile => Path.Combine(Root, "dovecot.log");
    private string UsersDir => Path.Combine(Root, "users");
    private string MailDir => Path.Combine(Root, "mail");
    private string PidFile => Path.Combine(Root, "run", "master.pid");

    public async ValueTask InitializeAsync()
    {
        if (OperatingSystem.IsWindows() || !File.Exists(Binary) || !File.Exists(ImapBinary)) return;

        _root = Path.Combine(Path.GetTempPath(), $"servicedesk-dovecot-{Guid.NewGuid():N}");
        foreach (var dir in new[] { Root, UsersDir, MailDir, Path.Combine(Root, "run"), Path.Combine(Root, "state") })
        {
            Directory.CreateDirectory(dir);
            File.SetUnixFileMode(dir, (UnixFileMode)0b111_101_101); // 755: Dovecot's unprivileged processes must reach it
        }
        if (IsRoot) await RunAsync("chown", ["dovecot:dovecot", MailDir]);

        Port = Loopback.FreePort();
        var group = IsRoot ? "dovecot" : (await RunAsync("id", ["-gn"])).Output.Trim();
        await File.WriteAllTextAsync(ConfigFile, Config(group));
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
        if (_root is null) return;
        if (Running || MasterPid() is int pid && IsAlive(pid))
        {
            Running = true;
            await StopAsync();
        }
        try { Directory.Delete(_root, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    /// <summary>Adds (or changes) a user who logs in with this password; Dovecot reads the user's file at each login.</summary>
    public string AddUser(string user, string password)
    {
        if (string.IsNullOrWhiteSpace(user) || user.IndexOfAny([':', '/', '\n', '\r']) >= 0 || user.StartsWith('.'))
            throw new ArgumentException($"'{user}' cannot be a Dovecot test user name.", nameof(user));
        if (password.IndexOfAny([':', '\n', '\r']) >= 0)
            throw new ArgumentException("A passwd-file password cannot contain ':' or line breaks.", nameof(password));

        if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException("Dovecot runs on Linux.");
        lock (_gate)
        {
            var file = Path.Combine(UsersDir, user);
            var temporary = file + ".new";
            File.WriteAllText(temporary, $"{user}:{{PLAIN}}{password}\n", new UTF8Encoding(false));
            File.SetUnixFileMode(temporary, (UnixFileMode)0b110_100_100); // 644: read by Dovecot's auth process
            File.Move(temporary, file, overwrite: true);
        }
        return user;
    }

    /// <summary>Puts a message into a user's folder by IMAP APPEND (as a mail server's delivery would), creating the folder if needed.</summary>
    public Task AppendAsync(string user, string password, MimeMessage message, string folder = "INBOX") =>
        AppendAllAsync(user, password, [message], folder);

    /// <summary>Puts messages into a user's folder in this order over one connection (a mailbox filling up); returns how many.</summary>
    public async Task<int> AppendAllAsync(string user, string password, IEnumerable<MimeMessage> messages, string folder = "INBOX")
    {
        using var client = await ConnectAsync(user, password);
        var target = await OpenOrCreateAsync(client, folder);
        var count = 0;
        foreach (var message in messages)
        {
            await target.AppendAsync(new AppendRequest(message, MessageFlags.None));
            count++;
        }
        await client.DisconnectAsync(true);
        return count;
    }

    /// <summary>
    /// Puts raw messages into a user's INBOX byte for byte, in this order, by IMAP APPEND written on
    /// the wire (a message that MimeKit could not parse can still be delivered); returns how many.
    /// </summary>
    public async Task<int> AppendRawAsync(string user, string password, IEnumerable<byte[]> messages)
    {
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(Host, Port);
        await using var stream = tcp.GetStream();
        stream.ReadTimeout = 10_000;
        var tag = 0;

        async Task<string> ReadLineAsync()
        {
            var line = new List<byte>();
            var one = new byte[1];
            while (await stream.ReadAsync(one) == 1)
            {
                if (one[0] == '\n') break;
                if (one[0] != '\r') line.Add(one[0]);
            }
            return Encoding.Latin1.GetString(line.ToArray());
        }

        async Task CommandAsync(byte[] command)
        {
            var t = $"a{++tag}";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(t + " "));
            await stream.WriteAsync(command);
            await stream.WriteAsync("\r\n"u8.ToArray());
            string reply;
            do reply = await ReadLineAsync();
            while (!reply.StartsWith(t + " ", StringComparison.Ordinal) && reply.Length > 0);
            if (!reply.StartsWith(t + " OK", StringComparison.Ordinal))
                throw new InvalidOperationException($"Dovecot refused '{Encoding.ASCII.GetString(command[..Math.Min(40, command.Length)])}…': {reply}");
        }

        static string Quote(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

        await ReadLineAsync(); // the greeting
        await CommandAsync(Encoding.UTF8.GetBytes($"LOGIN {Quote(user)} {Quote(password)}"));
        var count = 0;
        foreach (var raw in messages)
        {
            // LITERAL+: the literal follows at once, without waiting for the server's go-ahead.
            await CommandAsync([.. Encoding.ASCII.GetBytes($"APPEND INBOX {{{raw.Length}+}}\r\n"), .. raw]);
            count++;
        }
        await CommandAsync("LOGOUT"u8.ToArray());
        return count;
    }

    /// <summary>All messages in a user's folder, oldest first; empty when the folder does not exist.</summary>
    public async Task<IReadOnlyList<MimeMessage>> ReadFolderAsync(string user, string password, string folder = "INBOX")
    {
        using var client = await ConnectAsync(user, password);
        var source = await FindAsync(client, folder);
        if (source is null) return [];
        await source.OpenAsync(FolderAccess.ReadOnly);
        var messages = new List<MimeMessage>(source.Count);
        for (var i = 0; i < source.Count; i++) messages.Add(await source.GetMessageAsync(i));
        await client.DisconnectAsync(true);
        return messages;
    }

    /// <summary>How many messages a user's folder holds; 0 when the folder does not exist.</summary>
    public async Task<int> CountAsync(string user, string password, string folder = "INBOX")
    {
        using var client = await ConnectAsync(user, password);
        var source = await FindAsync(client, folder);
        if (source is null) return 0;
        await source.StatusAsync(StatusItems.Count);
        var count = source.Count;
        await client.DisconnectAsync(true);
        return count;
    }

    /// <summary>Starts the server (again) on the same port with the same users and mail.</summary>
    public async Task StartAsync()
    {
        if (!Available) throw new InvalidOperationException("Dovecot is not installed.");
        if (Running) return;
        // A start while an old master is still exiting fails with "already running".
        await WaitForMasterExitAsync(StopTimeout);

        // The daemonised master keeps the stderr it was started with: a pipe to this process would
        // never reach end-of-file, so its start-up output goes to a file instead.
        var startLog = Path.Combine(Root, "start.log");
        var (exitCode, _) = await RunAsync("/bin/sh", ["-c", "exec \"$0\" -c \"$1\" </dev/null >>\"$2\" 2>&1", Binary, ConfigFile, startLog],
            throwOnFailure: false);
        if (exitCode != 0)
            throw new InvalidOperationException($"Dovecot failed to start ({exitCode}): {ReadFile(startLog)}\n{ReadLog()}");

        await DisableAuthPenaltyAsync();

        using var timeout = new CancellationTokenSource(StartTimeout);
        while (!await Loopback.AcceptsAsync(Port))
        {
            if (timeout.IsCancellationRequested || File.Exists(PidFile) && MasterPid() is int pid && !IsAlive(pid))
                throw new InvalidOperationException($"Dovecot did not accept connections on {Host}:{Port}.\n{ReadLog()}");
            await Task.Delay(50);
        }
        Running = true;
    }

    /// <summary>
    /// Dovecot delays every login from an address that recently failed one by seconds (the anvil
    /// "auth penalty"), so one test checking a wrong password would slow every later login. Its auth
    /// process, started at the first login, silently does without the penalty when the anvil socket
    /// for it does not exist; so the socket is removed once the master has made it.
    /// </summary>
    private async Task DisableAuthPenaltyAsync()
    {
        var socket = Path.Combine(Root, "run", "anvil-auth-penalty");
        for (var i = 0; i < 40 && !File.Exists(socket); i++) await Task.Delay(25);
        File.Delete(socket);
    }

    /// <summary>Stops the server with <c>dovecot -c CONF stop</c> and waits for its master process to exit.</summary>
    public async Task StopAsync()
    {
        if (!Running) return;
        var pid = MasterPid();
        await RunAsync(Binary, ["-c", ConfigFile, "stop"], throwOnFailure: false);
        await WaitForMasterExitAsync(StopTimeout, pid);
        Running = false;
    }

    /// <summary>Dovecot's log, for failure messages.</summary>
    public string ReadLog() => _root is null ? "(no Dovecot log)" : ReadFile(LogFile);

    private static string ReadFile(string path)
    {
        try { return File.Exists(path) ? File.ReadAllText(path) : $"({path} does not exist)"; }
        catch (IOException e) { return $"({path} unreadable: {e.Message})"; }
    }

    private async Task<ImapClient> ConnectAsync(string user, string password)
    {
        var client = new ImapClient { Timeout = 10_000 };
        try
        {
            await client.ConnectAsync(Host, Port, SecureSocketOptions.None);
            await client.AuthenticateAsync(user, password);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private static async Task<IMailFolder?> FindAsync(ImapClient client, string folder)
    {
        if (folder.Equals("INBOX", StringComparison.OrdinalIgnoreCase)) return client.Inbox;
        try { return await client.GetFolderAsync(folder); }
        catch (FolderNotFoundException) { return null; }
    }

    private static async Task<IMailFolder> OpenOrCreateAsync(ImapClient client, string folder)
    {
        if (await FindAsync(client, folder) is { } existing) return existing;
        var personal = client.GetFolder(client.PersonalNamespaces[0]);
        var created = await personal.CreateAsync(folder, isMessageFolder: true)
            ?? throw new InvalidOperationException($"Dovecot did not create the folder '{folder}'.");
        await created.SubscribeAsync();
        return created;
    }

    private string Config(string mailGroup)
    {
        // Dovecot refuses to run its processes as root; as a normal user everything runs as that
        // user and group (it could not hand its sockets to the dovecot group).
        var (internalUser, loginUser) = IsRoot ? ("dovecot", "dovenull") : (Environment.UserName, Environment.UserName);
        var mailOwner = $"uid={(IsRoot ? "dovecot" : Environment.UserName)} gid={mailGroup}";
        return $$"""
            # ServiceDesk test IMAP server: loopback only, throwaway folder.
            protocols = imap
            listen = 127.0.0.1
            base_dir = {{Root}}/run
            state_dir = {{Root}}/state
            log_path = {{LogFile}}
            ssl = no
            disable_plaintext_auth = no
            auth_mechanisms = plain login
            auth_failure_delay = 0
            mail_location = maildir:{{MailDir}}/%u
            default_internal_user = {{internalUser}}
            default_login_user = {{loginUser}}
            default_internal_group = {{mailGroup}}
            first_valid_uid = 1
            first_valid_gid = 1

            passdb {
              driver = passwd-file
              args = scheme=PLAIN username_format=%u {{UsersDir}}/%u
            }
            userdb {
              driver = static
              args = {{mailOwner}} home={{MailDir}}/%u
            }

            service imap-login {
              chroot =
              inet_listener imap {
                address = 127.0.0.1
                port = {{Port}}
              }
              inet_listener imaps {
                port = 0
              }
            }
            service anvil {
              chroot =
            }

            """;
    }

    private int? MasterPid()
    {
        try { return int.TryParse(File.ReadAllText(PidFile).Trim(), out var pid) ? pid : null; }
        catch (IOException) { return null; }
    }

    private async Task WaitForMasterExitAsync(TimeSpan timeout, int? knownPid = null)
    {
        var pid = knownPid ?? MasterPid();
        if (pid is null) return;
        var deadline = DateTime.UtcNow + timeout;
        while (IsAlive(pid.Value))
        {
            if (DateTime.UtcNow > deadline)
                throw new InvalidOperationException($"Dovecot's master process {pid} did not exit.\n{ReadLog()}");
            await Task.Delay(50);
        }
    }

    private static bool IsAlive(int pid)
    {
        // A zombie (exited, not yet reaped) counts as gone.
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..].Split(' ', 2)[0];
            return state is not ("Z" or "X");
        }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return true; }
    }


    private static bool IsRoot => Environment.UserName == "root";

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, IEnumerable<string> arguments, bool throwOnFailure = true)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = "/tmp",
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(CommandTimeout);
            await Task.WhenAll(output, error).WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} did not finish within {CommandTimeout.TotalSeconds}s.");
        }
        var text = (await output) + (await error);
        if (throwOnFailure && process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({process.ExitCode}): {text}");
        return (process.ExitCode, text);
    }
}
