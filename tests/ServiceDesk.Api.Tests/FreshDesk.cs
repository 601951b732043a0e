using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ServiceDesk.Api.Tests;

/// <summary>
/// A desk put into service for real: an empty database, no demo partnership (as outside Development),
/// its log kept so a test can read the one-time setup link.
/// </summary>
public class FreshDesk : DeskFactory
{
    private readonly ConcurrentQueue<string> _log = new();

    public FreshDesk() { }

    /// <summary>A desk without the demo on an existing SQLite file (e.g. a demo database started for real).</summary>
    public FreshDesk(string sqliteFile) : base(sqliteFile, Start) { }

    protected override bool SeedsDemo => false;

    /// <summary>Everything the desk logged, oldest first.</summary>
    public IReadOnlyList<string> Log => [.. _log];

    /// <summary>The path and query of the setup link the desk logged last (e.g. /setup?token=…).</summary>
    public string SetupLink =>
        Log.Select(line => Regex.Match(line, @"/setup\?token=[0-9a-f]+")).LastOrDefault(m => m.Success)?.Value
        ?? throw new InvalidOperationException("The desk logged no setup link.");

    public string SetupToken => SetupLink[(SetupLink.IndexOf('=') + 1)..];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.AddProvider(new CapturingLoggerProvider(_log)));
    }

    /// <summary>Runs the first-run setup and returns a client signed in as the first service manager.</summary>
    public async Task<HttpClient> SetUpAsync(string email = "first.manager@sharedict.example", string password = "kettle orchard lantern 42")
    {
        var anonymous = CreateClient();
        await anonymous.PostJsonAsync("/api/v1/setup", new { token = SetupToken, partnershipName = "Weald ICT Partnership", name = "First Manager", email, password },
            System.Net.HttpStatusCode.Created);
        return await SignInAsync(email, password);
    }

    private sealed class CapturingLoggerProvider(ConcurrentQueue<string> log) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new CapturingLogger(log);
        public void Dispose() { }
    }

    private sealed class CapturingLogger(ConcurrentQueue<string> log) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) log.Enqueue(formatter(state, exception));
        }
    }
}
