using System.Buffers.Binary;

namespace SmartCity.Edge.Sensors.Tests;

/// <summary>Frame bytes written out by hand from the datasheets, independent of the production encoders.</summary>
internal static class Frames
{
    /// <summary>
    /// The measurement example of the Nova SDS011 Laser Dust Sensor Control Protocol V1.3:
    /// PM2.5 = 0x04D4 / 10 = 123.6 µg/m³, PM10 = 0x0A3A / 10 = 261.8 µg/m³, device id A1 60, checksum 1D.
    /// </summary>
    public static byte[] SdsDatasheetMeasurement => [0xAA, 0xC0, 0xD4, 0x04, 0x3A, 0x0A, 0xA1, 0x60, 0x1D, 0xAB];

    /// <summary>An SDS011 measurement with PM2.5 and PM10 in tenths of µg/m³.</summary>
    public static byte[] Sds(int pm25Tenths, int pm10Tenths, byte id1 = 0xA1, byte id2 = 0x60)
    {
        byte[] f = [0xAA, 0xC0, (byte)pm25Tenths, (byte)(pm25Tenths >> 8), (byte)pm10Tenths, (byte)(pm10Tenths >> 8), id1, id2, 0, 0xAB];
        f[8] = ByteSequences.Sum8(f.AsSpan(2, 6));
        return f;
    }

    /// <summary>An SDS011 reply <c>AA C5 cmd b3 b4 00 id1 id2 sum AB</c>.</summary>
    public static byte[] SdsReply(byte command, byte b3, byte b4)
    {
        byte[] f = [0xAA, 0xC5, command, b3, b4, 0x00, 0xA1, 0x60, 0, 0xAB];
        f[8] = ByteSequences.Sum8(f.AsSpan(2, 6));
        return f;
    }

    /// <summary>
    /// A PMS5003 measurement frame: 42 4D 00 1C, 13 big-endian words, 16-bit sum. Words: PM1/2.5/10 CF=1,
    /// PM1/2.5/10 atmospheric, counts >0.3, >0.5, >1, >2.5, >5, >10 µm per 0.1 L, reserved.
    /// </summary>
    public static byte[] Pms(ushort pm1Cf1, ushort pm25Cf1, ushort pm10Cf1, ushort pm1, ushort pm25, ushort pm10, ushort count03 = 1234)
    {
        var f = new byte[32];
        f[0] = 0x42;
        f[1] = 0x4D;
        f[3] = 28;
        ushort[] words = [pm1Cf1, pm25Cf1, pm10Cf1, pm1, pm25, pm10, count03, 345, 67, 8, 2, 1, 0x9700];
        for (int i = 0; i < words.Length; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(f.AsSpan(4 + (2 * i)), words[i]);
        }

        BinaryPrimitives.WriteUInt16BigEndian(f.AsSpan(30), ByteSequences.Sum16(f.AsSpan(0, 30)));
        return f;
    }

    public static byte[] Corrupt(byte[] frame, int index)
    {
        var copy = (byte[])frame.Clone();
        copy[index] ^= 0x01;
        return copy;
    }

    public static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
}
