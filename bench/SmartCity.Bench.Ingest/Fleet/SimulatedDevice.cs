using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Text;
using SmartCity.Contracts;

namespace SmartCity.Bench.Ingest.Fleet;

/// <summary>
/// One simulated edge device: its own TCP connection, MQTT 5 session and broker credentials (so the broker's per-device
/// ACL and per-connection costs are real), publishing wire-contract payloads with QoS 1 and counting PUBACKs. State is
/// a socket, a read buffer and a few counters; sends come from the fleet's scheduler thread, PUBACKs from one pending
/// receive per socket (epoll, no thread per device).
/// </summary>
internal sealed class SimulatedDevice : IDisposable
{
    private readonly byte[] _trafficTopic;
    private readonly byte[] _airTopic;
    private Socket? _socket;
    private int _inflight;
    private long _acked;
    private long _refused;
    private ushort _packetId;

    public SimulatedDevice(int index, string id)
    {
        Index = index;
        Id = id;
        _trafficTopic = Encoding.UTF8.GetBytes(Topics.Traffic(id));
        _airTopic = Encoding.UTF8.GetBytes(Topics.Air(id));
    }

    public int Index { get; }

    public string Id { get; }

    /// <summary>Highest seq sent (seqs are 1, 2, 3, … per device).</summary>
    public long Published { get; private set; }

    public long Acked => Interlocked.Read(ref _acked);

    public long Refused => Interlocked.Read(ref _refused);

    public int Inflight => Volatile.Read(ref _inflight);

    /// <summary>Why the connection ended, if it did.</summary>
    public string? Failure { get; private set; }

    public async Task ConnectAsync(string host, int port, string? password, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(host, port, cancellationToken).ConfigureAwait(false);
            await socket.SendAsync(MqttWire.Connect(Id, Id, password), SocketFlags.None, cancellationToken).ConfigureAwait(false);
            byte[] head = new byte[64];
            int got = 0;
            int remaining;
            int headerLength;
            byte type;
            while (!MqttWire.TryReadPacket(head.AsSpan(0, got), out type, out headerLength, out remaining))
            {
                int n = await socket.ReceiveAsync(head.AsMemory(got), SocketFlags.None, cancellationToken).ConfigureAwait(false);
                if (n == 0)
                {
                    throw new IOException($"device {Id}: broker closed the connection before CONNACK");
                }

                got += n;
            }

            if (type != MqttWire.ConnAck || remaining < 2 || head[headerLength + 1] != 0)
            {
                throw new IOException($"device {Id}: CONNECT refused (packet 0x{type:X2}, reason 0x{head[headerLength + 1]:X2})");
            }

            _socket = socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Composes the next message (traffic on odd seqs, air on even ones) with <c>ts</c> = now, so
    /// now − ts at the store is the publish → queryable latency, and sends it. Called from one thread only.</summary>
    public void PublishNext(PooledBufferWriter json, byte[] sendBuffer, int intervalS)
    {
        Socket socket = _socket ?? throw new InvalidOperationException($"device {Id} is not connected");
        long seq = Published + 1;
        DateTimeOffset now = DateTimeOffset.UtcNow;
        WirePayload payload = seq % 2 == 1
            ? BenchPayloads.Traffic(Id, seq, now, intervalS)
            : BenchPayloads.Air(Id, seq, now, intervalS);
        json.Clear();
        if (!WireJson.TrySerialize(payload, json, out _, out string? error))
        {
            throw new InvalidOperationException($"device {Id} seq {seq}: payload does not serialize: {error}");
        }

        _packetId = _packetId == ushort.MaxValue ? (ushort)1 : (ushort)(_packetId + 1);
        int length = MqttWire.WritePublish(sendBuffer, seq % 2 == 1 ? _trafficTopic : _airTopic, _packetId, json.WrittenSpan);
        Interlocked.Increment(ref _inflight);
        Published = seq;
        int sent = 0;
        while (sent < length)
        {
            sent += socket.Send(sendBuffer, sent, length - sent, SocketFlags.None);
        }
    }

    /// <summary>Reads PUBACKs until the connection ends or <paramref name="cancellationToken"/> fires.</summary>
    public async Task ReadAcksAsync(CancellationToken cancellationToken)
    {
        Socket socket = _socket ?? throw new InvalidOperationException($"device {Id} is not connected");
        byte[] buffer = ArrayPool<byte>.Shared.Rent(4096);
        int filled = 0;
        try
        {
            while (true)
            {
                int n = await socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, cancellationToken).ConfigureAwait(false);
                if (n == 0)
                {
                    Failure ??= "broker closed the connection";
                    return;
                }

                filled += n;
                int at = 0;
                while (MqttWire.TryReadPacket(buffer.AsSpan(at, filled - at), out byte type, out int header, out int remaining))
                {
                    if ((type & 0xF0) == MqttWire.PubAck)
                    {
                        // Reason code absent (remaining 2) means success.
                        if (remaining >= 3 && buffer[at + header + 2] >= 0x80)
                        {
                            Interlocked.Increment(ref _refused);
                        }

                        Interlocked.Increment(ref _acked);
                        Interlocked.Decrement(ref _inflight);
                    }
                    else if ((type & 0xF0) == MqttWire.Disconnect)
                    {
                        Failure ??= $"broker sent DISCONNECT (reason 0x{(remaining > 0 ? buffer[at + header] : 0):X2})";
                    }

                    at += header + remaining;
                }

                Buffer.BlockCopy(buffer, at, buffer, 0, filled - at);
                filled -= at;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or InvalidDataException)
        {
            Failure ??= ex.Message;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Sends DISCONNECT (normal) and closes.</summary>
    public void Close()
    {
        if (_socket is { } socket)
        {
            try
            {
                socket.Send([MqttWire.Disconnect, 0]);
                socket.Shutdown(SocketShutdown.Both);
            }
            catch (SocketException)
            {
                // Gone already.
            }
        }
    }

    public void Dispose() => _socket?.Dispose();
}
