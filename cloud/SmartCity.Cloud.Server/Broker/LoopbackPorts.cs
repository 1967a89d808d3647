using System.Net;
using System.Net.Sockets;

namespace SmartCity.Cloud.Server.Broker;

/// <summary>Finds loopback ports: the preferred one when free, else one the OS hands out.</summary>
internal static class LoopbackPorts
{
    /// <summary>True when nothing listens on <paramref name="port"/> of 127.0.0.1.</summary>
    public static bool IsFree(int port)
    {
        try
        {
            var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>A port that is free now (the OS picks it; another process could take it before we bind).</summary>
    public static int Ephemeral()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary><paramref name="preferred"/> when free, else an ephemeral one; <paramref name="moved"/> says which.</summary>
    public static int PreferOrPick(int preferred, out bool moved)
    {
        moved = preferred == 0 || !IsFree(preferred);
        return moved ? Ephemeral() : preferred;
    }
}
