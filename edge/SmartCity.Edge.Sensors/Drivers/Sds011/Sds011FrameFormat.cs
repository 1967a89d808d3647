using SmartCity.Edge.Sensors.Drivers.Serial;

namespace SmartCity.Edge.Sensors.Drivers.Sds011;

/// <summary>
/// SDS011 frames sent by the sensor (Laser Dust Sensor Control Protocol V1.3): 10 bytes
/// <c>AA cmd d1 d2 d3 d4 d5 d6 checksum AB</c>, cmd C0 (measurement) or C5 (command reply), checksum = low byte
/// of d1 + … + d6.
/// </summary>
internal readonly struct Sds011FrameFormat : IFrameFormat
{
    public const int Length = 10;
    public const byte Head = 0xAA;
    public const byte Tail = 0xAB;
    public const byte MeasurementCommand = 0xC0;
    public const byte ReplyCommand = 0xC5;

    public static bool IsHeaderStart(byte value) => value == Head;

    public static FrameProbe Probe(ReadOnlySpan<byte> window, out int length)
    {
        length = Length;
        if (window.Length < 2)
        {
            return FrameProbe.NeedMore;
        }

        if (window[1] is not (MeasurementCommand or ReplyCommand))
        {
            return FrameProbe.NotAFrame;
        }

        if (window.Length < Length)
        {
            return FrameProbe.NeedMore;
        }

        if (window[9] != Tail)
        {
            return FrameProbe.NotAFrame;
        }

        return Checksum(window.Slice(2, 6)) == window[8] ? FrameProbe.Valid : FrameProbe.BadChecksum;
    }

    /// <summary>Low byte of the sum of <paramref name="data"/>.</summary>
    public static byte Checksum(ReadOnlySpan<byte> data)
    {
        int sum = 0;
        foreach (byte b in data)
        {
            sum += b;
        }

        return (byte)sum;
    }
}
