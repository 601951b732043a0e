using System.Net;
using System.Net.Sockets;

namespace ServiceDesk.TestSupport;

/// <summary>Ports on 127.0.0.1 for the throwaway servers: a free one, and whether a server accepts on one yet.</summary>
public static class Loopback
{
    public const string Host = "127.0.0.1";

    /// <summary>A port nothing listens on now (the OS picks it).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Whether something accepts a TCP connection on the port (within a second).</summary>
    public static async Task<bool> AcceptsAsync(int port)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await socket.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
            return true;
        }
        catch (SocketException) { return false; }
        catch (OperationCanceledException) { return false; }
    }
}
