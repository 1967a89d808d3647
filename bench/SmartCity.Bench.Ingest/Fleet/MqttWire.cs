using System.Buffers.Binary;
using System.Text;

namespace SmartCity.Bench.Ingest.Fleet;

/// <summary>
/// The few MQTT 5 packets a simulated device needs, encoded by hand: CONNECT (user name, password, clean start,
/// no keep-alive), PUBLISH with QoS 1, and the PUBACK/CONNACK headers. Enough for a load generator to keep
/// 10,000 real device connections with a few hundred bytes of state each.
/// </summary>
internal static class MqttWire
{
    public const byte ConnAck = 0x20;
    public const byte PubAck = 0x40;
    public const byte Disconnect = 0xE0;

    /// <summary>Most bytes a PUBLISH header adds to topic and payload.</summary>
    public const int PublishOverhead = 1 + 4 + 2 + 2 + 1;

    public static byte[] Connect(string clientId, string? user, string? password)
    {
        byte[] id = Encoding.UTF8.GetBytes(clientId);
        byte[] u = user is null ? [] : Encoding.UTF8.GetBytes(user);
        byte[] p = password is null ? [] : Encoding.UTF8.GetBytes(password);
        // Variable header: "MQTT", level 5, flags, keep-alive 0 (off: the generator is the only judge of liveness), no properties.
        int variable = 2 + 4 + 1 + 1 + 2 + 1;
        int payload = 2 + id.Length + (user is null ? 0 : 2 + u.Length) + (password is null ? 0 : 2 + p.Length);
        int remaining = variable + payload;
        var packet = new byte[1 + VarIntLength(remaining) + remaining];
        int at = 0;
        packet[at++] = 0x10;
        at += WriteVarInt(packet.AsSpan(at), remaining);
        at += WriteString(packet.AsSpan(at), "MQTT"u8);
        packet[at++] = 5;
        packet[at++] = (byte)(0x02 | (user is null ? 0 : 0x80) | (password is null ? 0 : 0x40));
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(at), 0);
        at += 2;
        packet[at++] = 0; // properties
        at += WriteString(packet.AsSpan(at), id);
        if (user is not null)
        {
            at += WriteString(packet.AsSpan(at), u);
        }

        if (password is not null)
        {
            at += WriteString(packet.AsSpan(at), p);
        }

        return at == packet.Length ? packet : throw new InvalidOperationException("CONNECT length mismatch");
    }

    /// <summary>Writes a QoS 1 PUBLISH into <paramref name="destination"/>; returns its length.</summary>
    public static int WritePublish(Span<byte> destination, ReadOnlySpan<byte> topic, ushort packetId, ReadOnlySpan<byte> payload)
    {
        int remaining = 2 + topic.Length + 2 + 1 + payload.Length;
        int at = 0;
        destination[at++] = 0x32; // PUBLISH, QoS 1
        at += WriteVarInt(destination[at..], remaining);
        at += WriteString(destination[at..], topic);
        BinaryPrimitives.WriteUInt16BigEndian(destination[at..], packetId);
        at += 2;
        destination[at++] = 0; // properties
        payload.CopyTo(destination[at..]);
        return at + payload.Length;
    }

    /// <summary>Reads a fixed header: type byte and remaining length. False when <paramref name="buffer"/> holds less than a whole packet.</summary>
    public static bool TryReadPacket(ReadOnlySpan<byte> buffer, out byte type, out int headerLength, out int remaining)
    {
        type = 0;
        headerLength = 0;
        remaining = 0;
        if (buffer.Length < 2)
        {
            return false;
        }

        type = buffer[0];
        int multiplier = 1;
        for (int i = 1; i < 5; i++)
        {
            if (i >= buffer.Length)
            {
                return false;
            }

            byte b = buffer[i];
            remaining += (b & 0x7F) * multiplier;
            multiplier *= 128;
            if ((b & 0x80) == 0)
            {
                headerLength = i + 1;
                return buffer.Length >= headerLength + remaining;
            }
        }

        throw new InvalidDataException("malformed MQTT remaining length");
    }

    private static int WriteString(Span<byte> destination, ReadOnlySpan<byte> value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)value.Length);
        value.CopyTo(destination[2..]);
        return 2 + value.Length;
    }

    private static int VarIntLength(int value) => value < 128 ? 1 : value < 16_384 ? 2 : value < 2_097_152 ? 3 : 4;

    private static int WriteVarInt(Span<byte> destination, int value)
    {
        int at = 0;
        do
        {
            byte b = (byte)(value % 128);
            value /= 128;
            if (value > 0)
            {
                b |= 0x80;
            }

            destination[at++] = b;
        }
        while (value > 0);
        return at;
    }
}
