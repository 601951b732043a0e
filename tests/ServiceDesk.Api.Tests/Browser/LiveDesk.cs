using ServiceDesk.TestSupport;

namespace ServiceDesk.Api.Tests.Browser;

/// <summary>
/// The desk on a real Kestrel server on a loopback port, for browsers and live connections
/// (the in-memory test server cannot carry WebSockets to a browser).
/// </summary>
public sealed class LiveDesk : DeskFactory
{
    public LiveDesk()
    {
        Port = Loopback.FreePort();
        UseKestrel(Port);
        StartServer();
    }

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";
}

/// <summary>One live desk shared by the browser and live-update tests.</summary>
[CollectionDefinition(Name)]
public sealed class LiveDeskCollection : ICollectionFixture<LiveDesk>
{
    public const string Name = "live desk";
}
