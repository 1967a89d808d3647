using System.Buffers;
using SmartCity.Contracts;
using SmartCity.Edge.Uplink.Outbox;

namespace SmartCity.Edge.Agent.Uplink;

/// <summary>
/// Appends wire payloads to the device's outbox: validates each one with <see cref="WireValidator"/> (the same check
/// the cloud runs), then serializes it inside the outbox append with the seq the outbox assigns, so payload seq ==
/// outbox seq. A payload that fails validation or the size limit is refused with its reason and counted; it never
/// reaches the outbox and consumes no seq.
/// </summary>
public sealed class WireOutboxWriter
{
    private static readonly OutboxPayloadWriter<WirePayload> WritePayload = static (seq, payload, destination) =>
    {
        var stamped = payload with { Seq = seq };
        if (!WireJson.TrySerialize(stamped, destination, out _, out string? error))
        {
            throw new InvalidOperationException($"{Topics.Segment(payload.Kind)} message of {payload.Device}: {error}");
        }
    };

    private readonly DiskOutbox _outbox;
    private readonly string _deviceId;
    private long _appended;
    private long _refused;
    private string? _lastRefusal;

    /// <summary>Creates a writer for <paramref name="deviceId"/> over <paramref name="outbox"/>.</summary>
    public WireOutboxWriter(DiskOutbox outbox, string deviceId)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        DeviceIds.EnsureValid(deviceId);
        _outbox = outbox;
        _deviceId = deviceId;
    }

    /// <summary>Payloads appended.</summary>
    public long Appended => Interlocked.Read(ref _appended);

    /// <summary>Payloads refused (invalid or too large).</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>Why the last refused payload was refused; null when none was.</summary>
    public string? LastRefusal => Volatile.Read(ref _lastRefusal);

    /// <summary>
    /// Validates <paramref name="payload"/> (its <c>Seq</c> is replaced) and appends it on its kind's topic. Returns the
    /// seq, or -1 with <paramref name="error"/> when it was refused. Durable after the next <see cref="DiskOutbox.Flush"/>.
    /// </summary>
    public long TryAppend(WirePayload payload, out string? error)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (!WireValidator.TryValidate(_deviceId, payload, out string? reason))
        {
            return Refuse($"{Topics.Segment(payload.Kind)} message refused by the wire validator: {reason}", out error);
        }

        try
        {
            long seq = _outbox.Append(Topics.For(_deviceId, payload.Kind), payload, WritePayload);
            Interlocked.Increment(ref _appended);
            error = null;
            return seq;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            return Refuse(ex.Message, out error);
        }
    }

    /// <summary>Serializes a payload that is published outside the outbox (status birth and will); validated the same way.</summary>
    public static byte[] Serialize(WirePayload payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (!WireValidator.TryValidate(payload.Device, payload, out string? reason))
        {
            throw new ArgumentException($"{Topics.Segment(payload.Kind)} message of {payload.Device} is not valid: {reason}", nameof(payload));
        }

        var buffer = new ArrayBufferWriter<byte>(512);
        if (!WireJson.TrySerialize(payload, buffer, out _, out string? error))
        {
            throw new ArgumentException(error, nameof(payload));
        }

        return buffer.WrittenSpan.ToArray();
    }

    private long Refuse(string reason, out string? error)
    {
        Interlocked.Increment(ref _refused);
        Volatile.Write(ref _lastRefusal, reason);
        error = reason;
        return -1;
    }
}
