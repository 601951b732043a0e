using System.Net;
using ServiceDesk.TestSupport;

namespace ServiceDesk.Api.Tests.ScaleOut;

/// <summary>
/// One desk node as a real process (the built web host, run by the dotnet host) on a loopback
/// port, with the settings a node of a scaled desk gets: PostgreSQL, Redis, an SMTP server.
/// </summary>
public sealed class DeskNode : IAsyncDisposable
{
    private readonly ServerProcess _process;

    private DeskNode(ServerProcess process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }
    public string BaseUrl => $"http://{Loopback.Host}:{Port}";
    public string Log => _process.ReadLog();

    public static DeskNode Start(string database, string redis, SmtpSink smtp)
    {
        var port = Loopback.FreePort();
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["Urls"] = $"http://{Loopback.Host}:{port}",
            ["ConnectionStrings__ServiceDesk"] = database,
            ["ConnectionStrings__Redis"] = redis,
            ["ServiceDesk__Database__Provider"] = "PostgreSql",
            ["ServiceDesk__Database__SeedDemoPartnership"] = "true",
            ["ServiceDesk__Email__Smtp__Host"] = smtp.Host,
            ["ServiceDesk__Email__Smtp__Port"] = smtp.Port.ToString(),
            ["ServiceDesk__Email__Smtp__Security"] = "None",
            // A stopped node's claim on outbox mail runs out in seconds here, minutes in service.
            ["ServiceDesk__Email__OutboxClaimSeconds"] = "10",
            ["ServiceDesk__Jobs__SchedulePollSeconds"] = "1",
            // A killed node's job locks (the recurring-job scheduler's) are freed in seconds here, minutes in service.
            ["ServiceDesk__Jobs__StaleLockSeconds"] = "20",
            ["ServiceDesk__Jobs__OutboxCron"] = "*/3 * * * * *",
            ["ServiceDesk__Jobs__SlaReconciliationCron"] = "*/2 * * * * *",
            ["ServiceDesk__Jobs__SlaReportCron"] = "*/2 * * * * *",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var limit in new[] { "SignIn", "SignInPerEmail", "PasswordReset", "Api" })
            settings[$"ServiceDesk__RateLimits__{limit}__Permits"] = "1000000";
        var process = ServerProcess.Start(dotnet, [Path.Combine(AppContext.BaseDirectory, "ServiceDesk.Web.dll")], AppContext.BaseDirectory, settings);
        return new DeskNode(process, port);
    }

    /// <summary>Waits until /health/ready answers 200: migrated, reachable, serving.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan within)
    {
        using var http = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            if (!_process.Running) throw new InvalidOperationException($"The node on port {Port} stopped.\n{Log}");
            try
            {
                if ((await http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            if (DateTime.UtcNow > deadline) throw new InvalidOperationException($"The node on port {Port} was not ready in time.\n{Log}");
            await Task.Delay(200);
        }
    }

    /// <summary>Kills the node at once, as a crash would.</summary>
    public Task KillAsync() => _process.KillAsync();

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
