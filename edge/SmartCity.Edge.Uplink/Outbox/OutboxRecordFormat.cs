using System.Buffers.Binary;
using System.Text;

namespace SmartCity.Edge.Uplink.Outbox;

/// <summary>On-disk layout of one outbox record (little endian):
/// <c>u32 bodyLength | u32 crc32c(bodyLength bytes + body) | body = i64 seq | u16 topicBytes | topic UTF-8 | payload</c>.</summary>
/// <remarks>The CRC covers the length field too, so a torn or flipped length is caught before it is trusted.</remarks>
internal static class OutboxRecordFormat
{
    /// <summary>Bytes before the body: length and CRC.</summary>
    public const int HeaderBytes = 8;

    /// <summary>Bytes of the body before the topic: seq and topic length.</summary>
    public const int BodyPrefixBytes = 10;

    /// <summary>Total bytes a record with this topic and payload takes on disk.</summary>
    public static int RecordBytes(int topicBytes, int payloadBytes) => HeaderBytes + BodyPrefixBytes + topicBytes + payloadBytes;

    /// <summary>Writes a whole record into <paramref name="destination"/>, which must be <see cref="RecordBytes"/> long.</summary>
    public static void Write(Span<byte> destination, long seq, string topic, int topicBytes, ReadOnlySpan<byte> payload)
    {
        var body = destination[HeaderBytes..];
        BinaryPrimitives.WriteUInt32LittleEndian(destination, (uint)body.Length);
        BinaryPrimitives.WriteInt64LittleEndian(body, seq);
        BinaryPrimitives.WriteUInt16LittleEndian(body[8..], (ushort)topicBytes);
        Encoding.UTF8.GetBytes(topic, body.Slice(BodyPrefixBytes, topicBytes));
        payload.CopyTo(body[(BodyPrefixBytes + topicBytes)..]);
        var crc = Crc32C.Append(Crc32C.Compute(destination[..4]), body);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], crc);
    }

    /// <summary>Reads the header; false when the length is outside what a record can be.</summary>
    public static bool TryReadHeader(ReadOnlySpan<byte> header, int maxBodyBytes, out int bodyBytes, out uint crc)
    {
        var length = BinaryPrimitives.ReadUInt32LittleEndian(header);
        crc = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
        bodyBytes = (int)Math.Min(length, int.MaxValue);
        return length >= BodyPrefixBytes && length <= (uint)maxBodyBytes;
    }

    /// <summary>Checks the CRC and the topic length of a body read after its header.</summary>
    public static bool IsValid(ReadOnlySpan<byte> header, ReadOnlySpan<byte> body, uint crc)
    {
        if (Crc32C.Append(Crc32C.Compute(header[..4]), body) != crc)
        {
            return false;
        }

        return BinaryPrimitives.ReadUInt16LittleEndian(body[8..]) <= body.Length - BodyPrefixBytes;
    }

    /// <summary>Sequence number of a valid body.</summary>
    public static long ReadSeq(ReadOnlySpan<byte> body) => BinaryPrimitives.ReadInt64LittleEndian(body);

    /// <summary>Decodes a valid body into a record whose payload aliases <paramref name="body"/>.</summary>
    public static OutboxRecord Decode(byte[] body, int bodyBytes)
    {
        var seq = BinaryPrimitives.ReadInt64LittleEndian(body);
        int topicBytes = BinaryPrimitives.ReadUInt16LittleEndian(body.AsSpan(8));
        var topic = Encoding.UTF8.GetString(body, BodyPrefixBytes, topicBytes);
        var payloadStart = BodyPrefixBytes + topicBytes;
        return new OutboxRecord(seq, topic, body.AsMemory(payloadStart, bodyBytes - payloadStart));
    }
}
