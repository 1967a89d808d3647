using System.Diagnostics;
using SmartCity.Bench.Ingest.Fleet;
using SmartCity.Contracts;
using SmartCity.Edge.Uplink.Mqtt;
using SmartCity.Edge.Uplink.Outbox;

namespace SmartCity.Bench.Ingest.Faults;

/// <summary>
/// One edge device as the agent runs it: a <see cref="DiskOutbox"/> fed by a producer at a fixed rate and drained by a
/// <see cref="MqttPublisherPump"/> (QoS 1, checkpoint on PUBACK, reconnect with backoff, resend on <c>cmd/resend</c>).
/// </summary>
internal sealed class InProcessEdge : IAsyncDisposable
{
    private readonly DiskOutbox _outbox;
    private readonly MqttPublisherPump _pump;
    private readonly CancellationTokenSource _stopPump = new();
    private readonly CancellationTokenSource _stopProducer = new();
    private readonly Task _pumpTask;
    private readonly Task _producerTask;
    private readonly double _ratePerSecond;

    public InProcessEdge(string deviceId, string folder, int port, double ratePerSecond)
    {
        DeviceId = deviceId;
        _ratePerSecond = ratePerSecond;
        _outbox = DiskOutbox.Open(EdgeOptions.Outbox(folder));
        _pump = new MqttPublisherPump(_outbox, EdgeOptions.Uplink(deviceId, port), EdgeOptions.Birth(deviceId), EdgeOptions.Will(deviceId));
        _pumpTask = Task.Run(() => _pump.RunAsync(_stopPump.Token));
        _producerTask = Task.Run(ProduceAsync);
    }

    public string DeviceId { get; }

    /// <summary>Highest seq appended and made durable (data and the pump's cmd-result answers).</summary>
    public long LastSeq => _outbox.DurableSeq;

    public UplinkHealth Health => _pump.GetHealth();

    /// <summary>Stops appending; the pump keeps draining.</summary>
    public async Task StopProducingAsync()
    {
        await _stopProducer.CancelAsync().ConfigureAwait(false);
        await _producerTask.ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopProducingAsync().ConfigureAwait(false);
        await _stopPump.CancelAsync().ConfigureAwait(false);
        await _pumpTask.ConfigureAwait(false);
        _outbox.Dispose();
        _stopPump.Dispose();
        _stopProducer.Dispose();
    }

    private async Task ProduceAsync()
    {
        var clock = Stopwatch.StartNew();
        long appended = 0;
        try
        {
            while (!_stopProducer.IsCancellationRequested)
            {
                long due = (long)(clock.Elapsed.TotalSeconds * _ratePerSecond);
                if (due > appended)
                {
                    for (; appended < due; appended++)
                    {
                        EdgeOptions.Append(_outbox, DeviceId);
                    }

                    _outbox.Flush();
                }

                await Task.Delay(20, _stopProducer.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }
}

/// <summary>Uplink settings and payloads shared by the in-process and child edge publishers.</summary>
internal static class EdgeOptions
{
    public static UplinkOptions Uplink(string deviceId, int port) => new()
    {
        DeviceId = deviceId,
        Host = "127.0.0.1",
        Port = port,
        Username = deviceId,
        Password = FleetOptions.PasswordFor(deviceId),
        KeepAlive = TimeSpan.FromSeconds(5),
        Timeout = TimeSpan.FromSeconds(5),
        ReconnectMinDelay = TimeSpan.FromMilliseconds(100),
        ReconnectMaxDelay = TimeSpan.FromSeconds(2),
    };

    /// <summary>Small segments (kills land around rolls too), records up to 4 KiB (the bench payloads are under 1 KiB),
    /// a replay window long enough for every resend of a run.</summary>
    public static DiskOutboxOptions Outbox(string folder) => new()
    {
        Directory = folder,
        SegmentBytes = 64 * 1024,
        MaxRecordBytes = 4096,
        ReplayWindow = TimeSpan.FromHours(1),
    };

    /// <summary>Birth message: seq 0, outside every audited range (status is latest-state, not audited).</summary>
    public static byte[] Birth(string deviceId) => WireJson.Serialize(WireExamples.Status(deviceId, 0) with { Ts = DateTimeOffset.UtcNow });

    public static byte[] Will(string deviceId) => WireJson.Serialize(WireExamples.Status(deviceId, 0) with { Ts = DateTimeOffset.UtcNow, State = DeviceState.Offline });

    /// <summary>Appends the next message (traffic on odd seqs, air on even ones) with the seq the outbox hands out under
    /// its lock (the pump appends its <c>cmd-result</c> answers to the same seq space). The ts is a function of the seq
    /// (two days ago at midnight + seq × 100 ms), so each message of a device has its own interval and a stored repeat
    /// would show as a second row of the same interval, whichever process wrote it. Returns the seq.</summary>
    public static long Append(DiskOutbox outbox, string deviceId)
    {
        // The kind must be known before the seq for the topic: pick it from the seq the next append will most likely get;
        // a cmd-result slipping in between only flips which kind this message is, the payload still carries its own seq.
        long guess = outbox.DurableSeq + 1;
        MessageKind kind = guess % 2 == 1 ? MessageKind.Traffic : MessageKind.Air;
        return outbox.Append(Topics.For(deviceId, kind), (deviceId, kind), static (seq, state, destination) =>
        {
            DateTimeOffset ts = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(-2).AddMilliseconds(100 * seq);
            WirePayload payload = state.kind == MessageKind.Traffic
                ? BenchPayloads.Traffic(state.deviceId, seq, ts, 10)
                : BenchPayloads.Air(state.deviceId, seq, ts, 10);
            if (!WireJson.TrySerialize(payload, destination, out _, out string? error))
            {
                throw new InvalidOperationException($"device {state.deviceId} seq {seq}: {error}");
            }
        });
    }
}
