using System.Net.Sockets;

namespace SmartCity.TestServers;

/// <summary>One client connection through <see cref="LoopbackTcpProxy"/> and its upstream socket.</summary>
internal sealed class ProxyConnection(Socket client)
{
    private int _reset;

    public Socket Client { get; } = client;

    public Socket? Target { get; private set; }

    /// <summary>Sets the upstream socket; when the connection was reset meanwhile, aborts it too.</summary>
    public void AttachTarget(Socket target)
    {
        Target = target;
        if (Volatile.Read(ref _reset) == 1)
        {
            Abort(target);
        }
    }

    /// <summary>Bytes were dropped on this connection, so it must not carry on after a restore.</summary>
    public bool SawBlackhole { get; set; }

    /// <summary>Closes both sockets with RST (linger 0), once.</summary>
    public void Reset()
    {
        if (Interlocked.Exchange(ref _reset, 1) == 1)
        {
            return;
        }

        Abort(Client);
        if (Target is { } target)
        {
            Abort(target);
        }
    }

    private static void Abort(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
        }
        catch (Exception)
        {
            // Already closed.
        }

        socket.Dispose();
    }
}
