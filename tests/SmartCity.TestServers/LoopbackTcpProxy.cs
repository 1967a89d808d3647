using System.Buffers;
using System.Net;
using System.Net.Sockets;

namespace SmartCity.TestServers;

/// <summary>
/// A TCP proxy on a free loopback port in front of a loopback target port, that a test can cut and restore: the
/// "network between edge and broker". Counts the bytes each way and can keep them all (to prove what did, or did
/// not, cross the wire).
/// </summary>
public sealed class LoopbackTcpProxy : IAsyncDisposable
{
    private const int BufferBytes = 64 * 1024;
    private readonly object _gate = new();
    private readonly HashSet<ProxyConnection> _connections = [];
    private readonly MemoryStream? _capturedUp;
    private readonly MemoryStream? _capturedDown;
    private readonly CancellationTokenSource _stopping = new();
    private TcpListener? _listener;
    private Task _acceptLoop = Task.CompletedTask;
    private ProxyCutMode? _cut;
    private long _bytesUp;
    private long _bytesDown;
    private long _accepted;
    private long _cuts;

    private LoopbackTcpProxy(int targetPort, int port, bool capture)
    {
        TargetPort = targetPort;
        Port = port;
        if (capture)
        {
            _capturedUp = new MemoryStream();
            _capturedDown = new MemoryStream();
        }
    }

    /// <summary>The proxy's own port on 127.0.0.1: point the client here.</summary>
    public int Port { get; }

    /// <summary>The port on 127.0.0.1 the proxy forwards to.</summary>
    public int TargetPort { get; }

    /// <summary>Bytes forwarded client → target.</summary>
    public long BytesUpstream => Interlocked.Read(ref _bytesUp);

    /// <summary>Bytes forwarded target → client.</summary>
    public long BytesDownstream => Interlocked.Read(ref _bytesDown);

    /// <summary>Client connections accepted so far (including those held during a blackhole).</summary>
    public long ConnectionsAccepted => Interlocked.Read(ref _accepted);

    /// <summary>Times <see cref="Cut"/> was called.</summary>
    public long Cuts => Interlocked.Read(ref _cuts);

    /// <summary>Connections open now.</summary>
    public int OpenConnections
    {
        get
        {
            lock (_gate)
            {
                return _connections.Count;
            }
        }
    }

    /// <summary>True between <see cref="Cut"/> and <see cref="Restore"/>.</summary>
    public bool IsCut
    {
        get
        {
            lock (_gate)
            {
                return _cut is not null;
            }
        }
    }

    /// <summary>Starts a proxy to <paramref name="targetPort"/>.</summary>
    /// <param name="targetPort">Port on 127.0.0.1 to forward to.</param>
    /// <param name="captureBytes">Keep every forwarded byte (see <see cref="CapturedUpstream"/>); for short tests only.</param>
    /// <param name="port">Port to listen on; 0 picks a free one.</param>
    public static LoopbackTcpProxy Start(int targetPort, bool captureBytes = false, int port = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(targetPort, 1);
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        var proxy = new LoopbackTcpProxy(targetPort, ((IPEndPoint)listener.LocalEndpoint).Port, captureBytes);
        proxy.Listen(listener);
        return proxy;
    }

    /// <summary>Breaks the link: see <see cref="ProxyCutMode"/>.</summary>
    public void Cut(ProxyCutMode mode = ProxyCutMode.Reset)
    {
        List<ProxyConnection> toReset;
        TcpListener? listener = null;
        lock (_gate)
        {
            _cut = mode;
            Interlocked.Increment(ref _cuts);
            if (mode == ProxyCutMode.Blackhole)
            {
                return;
            }

            listener = _listener;
            _listener = null;
            toReset = [.. _connections];

            // Over as of now (OpenConnections says 0 when Cut returns), not when their pumps have noticed the reset.
            _connections.Clear();
        }

        // Stopping the listener makes new connects fail with "connection refused".
        listener?.Stop();
        foreach (ProxyConnection connection in toReset)
        {
            connection.Reset();
        }
    }

    /// <summary>Ends a cut: new connections are forwarded again; connections held by a blackhole are reset (their
    /// streams lost bytes, so they cannot continue).</summary>
    public void Restore()
    {
        List<ProxyConnection> toReset;
        bool relisten;
        lock (_gate)
        {
            if (_cut is null)
            {
                return;
            }

            relisten = _cut == ProxyCutMode.Reset;
            _cut = null;
            toReset = [.. _connections.Where(static c => c.SawBlackhole)];
        }

        foreach (ProxyConnection connection in toReset)
        {
            connection.Reset();
        }

        if (relisten)
        {
            var listener = new TcpListener(IPAddress.Loopback, Port);
            listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Start();
            Listen(listener);
        }
    }

    /// <summary>Every byte forwarded client → target so far (with capture on; empty otherwise).</summary>
    public byte[] CapturedUpstream()
    {
        lock (_gate)
        {
            return _capturedUp?.ToArray() ?? [];
        }
    }

    /// <summary>Every byte forwarded target → client so far (with capture on; empty otherwise).</summary>
    public byte[] CapturedDownstream()
    {
        lock (_gate)
        {
            return _capturedDown?.ToArray() ?? [];
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        List<ProxyConnection> open;
        TcpListener? listener;
        lock (_gate)
        {
            if (_stopping.IsCancellationRequested)
            {
                return;
            }

            _stopping.Cancel();
            listener = _listener;
            _listener = null;
            open = [.. _connections];
        }

        listener?.Stop();
        foreach (ProxyConnection connection in open)
        {
            connection.Reset();
        }

        try
        {
            await _acceptLoop.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The loop ends by its listener being stopped.
        }

        _stopping.Dispose();
        _capturedUp?.Dispose();
        _capturedDown?.Dispose();
    }

    private void Listen(TcpListener listener)
    {
        lock (_gate)
        {
            _listener = listener;
        }

        _acceptLoop = Task.Run(() => AcceptLoopAsync(listener));
    }

    private async Task AcceptLoopAsync(TcpListener listener)
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptSocketAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception) when (_stopping.IsCancellationRequested || !ReferenceEquals(Volatile.Read(ref _listener), listener))
            {
                return; // disposed or cut: this listener is done
            }
            catch (SocketException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            Interlocked.Increment(ref _accepted);
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(Socket client)
    {
        client.NoDelay = true;
        var connection = new ProxyConnection(client);
        bool blackholed;
        lock (_gate)
        {
            if (_stopping.IsCancellationRequested || _cut == ProxyCutMode.Reset)
            {
                // Disposed, or accepted just before a reset cut stopped the listener: refused like the cut's others.
                connection.Reset();
                return;
            }

            _connections.Add(connection);
            blackholed = _cut == ProxyCutMode.Blackhole;
        }

        try
        {
            if (blackholed)
            {
                // Accepted but never forwarded: the client's CONNECT goes unanswered until it gives up or Restore resets it.
                connection.SawBlackhole = true;
                await DiscardAsync(client).ConfigureAwait(false);
                return;
            }

            var target = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            connection.AttachTarget(target);
            try
            {
                await target.ConnectAsync(IPAddress.Loopback, TargetPort, _stopping.Token).ConfigureAwait(false);
            }
            catch (Exception)
            {
                return; // target down: the client sees its connection reset
            }

            Task up = PumpAsync(connection, client, target, upstream: true);
            Task down = PumpAsync(connection, target, client, upstream: false);
            await Task.WhenAny(up, down).ConfigureAwait(false);
            connection.Reset();
            await Task.WhenAll(up, down).ConfigureAwait(false);
        }
        finally
        {
            connection.Reset();
            lock (_gate)
            {
                _connections.Remove(connection);
            }
        }
    }

    private async Task DiscardAsync(Socket client)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
        try
        {
            while (await client.ReceiveAsync(buffer, SocketFlags.None, _stopping.Token).ConfigureAwait(false) > 0)
            {
            }
        }
        catch (Exception)
        {
            // Reset by Restore/Dispose or by the client.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task PumpAsync(ProxyConnection connection, Socket from, Socket to, bool upstream)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
        try
        {
            while (true)
            {
                int n = await from.ReceiveAsync(buffer, SocketFlags.None, _stopping.Token).ConfigureAwait(false);
                if (n == 0)
                {
                    return;
                }

                MemoryStream? capture;
                lock (_gate)
                {
                    if (_cut == ProxyCutMode.Blackhole)
                    {
                        connection.SawBlackhole = true;
                        continue; // dropped on the floor, like packets on a dead link
                    }

                    capture = upstream ? _capturedUp : _capturedDown;
                    capture?.Write(buffer, 0, n);
                }

                Interlocked.Add(ref upstream ? ref _bytesUp : ref _bytesDown, n);
                int sent = 0;
                while (sent < n)
                {
                    sent += await to.SendAsync(buffer.AsMemory(sent, n - sent), SocketFlags.None, _stopping.Token).ConfigureAwait(false);
                }
            }
        }
        catch (Exception)
        {
            // Reset, refused or disposed: the connection is over either way.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
