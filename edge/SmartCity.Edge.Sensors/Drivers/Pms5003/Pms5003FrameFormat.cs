using System.Buffers.Binary;
using SmartCity.Edge.Sensors.Drivers.Serial;

namespace SmartCity.Edge.Sensors.Drivers.Pms5003;

/// <summary>
/// Plantower PMSx003 frames (PMS5003 datasheet V2.3, "Transport protocol – Active mode"): <c>42 4D</c>, a
/// big-endian frame length (2·13 + 2 = 28 for a measurement; 4 for a command answer), the data words, and a
/// big-endian check code = sum of every byte before it.
/// </summary>
internal readonly struct Pms5003FrameFormat : IFrameFormat
{
    public const byte Start1 = 0x42;
    public const byte Start2 = 0x4D;
    public const int MeasurementLength = 32;
    public const int ReplyLength = 8;

    public static bool IsHeaderStart(byte value) => value == Start1;

    public static FrameProbe Probe(ReadOnlySpan<byte> window, out int length)
    {
        length = 0;
        if (window.Length < 2)
        {
            return FrameProbe.NeedMore;
        }

        if (window[1] != Start2)
        {
            return FrameProbe.NotAFrame;
        }

        if (window.Length < 4)
        {
            return FrameProbe.NeedMore;
        }

        int declared = BinaryPrimitives.ReadUInt16BigEndian(window[2..]);
        if (declared is not (MeasurementLength - 4 or ReplyLength - 4))
        {
            return FrameProbe.NotAFrame;
        }

        length = declared + 4;
        if (window.Length < length)
        {
            return FrameProbe.NeedMore;
        }

        ushort check = BinaryPrimitives.ReadUInt16BigEndian(window[(length - 2)..]);
        return Checksum(window[..(length - 2)]) == check ? FrameProbe.Valid : FrameProbe.BadChecksum;
    }

    /// <summary>16-bit sum of <paramref name="data"/>.</summary>
    public static ushort Checksum(ReadOnlySpan<byte> data)
    {
        int sum = 0;
        foreach (byte b in data)
        {
            sum += b;
        }

        return (ushort)sum;
    }
}
