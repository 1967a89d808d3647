using System.Buffers;
using MQTTnet;

namespace SmartCity.Cloud.Ingest;

/// <summary>A received, not yet acknowledged message: its PUBACK handle, the connection it came on and a pooled
/// copy of its payload (MQTTnet may reuse the packet buffer once the handler returns).</summary>
internal sealed class PendingMessage
{
    public PendingMessage(MqttApplicationMessageReceivedEventArgs args, long connection, DateTimeOffset receivedAt)
    {
        Args = args;
        Connection = connection;
        ReceivedAt = receivedAt;
        Topic = args.ApplicationMessage.Topic;
        var payload = args.ApplicationMessage.Payload;
        Length = checked((int)payload.Length);
        Buffer = ArrayPool<byte>.Shared.Rent(Math.Max(Length, 1));
        payload.CopyTo(Buffer);
    }

    public MqttApplicationMessageReceivedEventArgs Args { get; }

    /// <summary>Number of the connection it arrived on; only that connection may acknowledge it.</summary>
    public long Connection { get; }

    public DateTimeOffset ReceivedAt { get; }

    public string Topic { get; }

    public byte[] Buffer { get; private set; }

    public int Length { get; }

    public ReadOnlySpan<byte> Payload => Buffer.AsSpan(0, Length);

    public void Release()
    {
        var buffer = Buffer;
        if (buffer.Length > 0)
        {
            Buffer = [];
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
