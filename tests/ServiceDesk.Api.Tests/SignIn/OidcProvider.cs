using System.Diagnostics;
using System.Reflection;
using ServiceDesk.TestSupport;

namespace ServiceDesk.Api.Tests.SignIn;

/// <summary>
/// A real OpenID provider (npm oidc-provider, tests/oidc-provider/provider.mjs) on a loopback port,
/// standing in for one council's tenant: its own issuer, one client registered for the desk.
/// Its development sign-in form accepts any login; the login is the account's email and subject.
/// </summary>
public sealed class OidcProvider : IAsyncDisposable
{
    private readonly Process _node;

    private OidcProvider(Process node, int port, string clientId, string clientSecret)
    {
        _node = node;
        Port = port;
        ClientId = clientId;
        ClientSecret = clientSecret;
    }

    public int Port { get; }
    public string ClientId { get; }
    public string ClientSecret { get; }
    public string Issuer => $"http://127.0.0.1:{Port}";

    public static string Folder => typeof(OidcProvider).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .First(a => a.Key == "OidcProviderFolder").Value!;

    public static string? Node => Environment.GetEnvironmentVariable("PATH")?.Split(':')
        .Select(dir => Path.Combine(dir, "node")).FirstOrDefault(File.Exists);

    public static void RequireInstalled() => RealParts.Require(Node is not null, "nodejs", "A council sign-in test (npm oidc-provider)");

    public static async Task<OidcProvider> StartAsync(string name, params string[] redirectUris)
    {
        var port = Loopback.FreePort();
        var clientId = $"desk-{name}";
        var secret = $"secret-{name}-{Guid.NewGuid():N}";
        var start = new ProcessStartInfo(Node ?? "node") { WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "provider.mjs", port.ToString(System.Globalization.CultureInfo.InvariantCulture), name, clientId, secret }.Concat(redirectUris))
            start.ArgumentList.Add(arg);
        var node = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        node.OutputDataReceived += (_, _) => { };
        node.ErrorDataReceived += (_, _) => { };
        node.BeginOutputReadLine();
        node.BeginErrorReadLine();
        for (var i = 0; i < 200 && !await Loopback.AcceptsAsync(port); i++)
        {
            if (node.HasExited) throw new InvalidOperationException($"The OpenID provider stopped at once (exit {node.ExitCode}); run npm ci in {Folder}.");
            await Task.Delay(100);
        }
        return new OidcProvider(node, port, clientId, secret);
    }

    public ValueTask DisposeAsync()
    {
        try { if (!_node.HasExited) _node.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        _node.WaitForExit(5000);
        _node.Dispose();
        return ValueTask.CompletedTask;
    }
}
