namespace SmartCity.Edge.Sensors.Drivers.Sds011;

/// <summary>
/// Command frames sent to an SDS011 (Laser Dust Sensor Control Protocol V1.3): 19 bytes
/// <c>AA B4 cmd d3 d4 00×10 idL idH checksum AB</c>; id FF FF addresses every sensor; checksum = low byte of
/// the sum of bytes 2…16. Example from the protocol sheet: sleep = <c>AA B4 06 01 00 00…00 FF FF 05 AB</c>.
/// </summary>
public static class Sds011Protocol
{
    /// <summary>Length of a command frame.</summary>
    public const int CommandLength = 19;

    /// <summary>Writes a command frame into <paramref name="destination"/> (at least 19 bytes).</summary>
    public static void WriteCommand(Span<byte> destination, Sds011Command command, byte d3 = 0, byte d4 = 0, ushort deviceId = 0xFFFF)
    {
        var frame = destination[..CommandLength];
        frame.Clear();
        frame[0] = 0xAA;
        frame[1] = 0xB4;
        frame[2] = (byte)command;
        frame[3] = d3;
        frame[4] = d4;
        frame[15] = (byte)(deviceId >> 8);
        frame[16] = (byte)deviceId;
        frame[17] = Sds011FrameFormat.Checksum(frame[2..17]);
        frame[18] = 0xAB;
    }

    /// <summary>Set the reporting mode: active (sensor streams) or query.</summary>
    public static void WriteSetReportingMode(Span<byte> destination, bool query) =>
        WriteCommand(destination, Sds011Command.ReportingMode, 1, query ? (byte)1 : (byte)0);

    /// <summary>Ask for one measurement.</summary>
    public static void WriteQueryData(Span<byte> destination) => WriteCommand(destination, Sds011Command.QueryData);

    /// <summary>Sleep (<paramref name="work"/> false: fan and laser off) or work.</summary>
    public static void WriteSleepWork(Span<byte> destination, bool work) =>
        WriteCommand(destination, Sds011Command.SleepWork, 1, work ? (byte)1 : (byte)0);

    /// <summary>Set the working period: 0 = continuous, 1–30 = one measurement every n minutes, asleep in between.</summary>
    public static void WriteSetWorkingPeriod(Span<byte> destination, byte minutes)
    {
        if (minutes > 30)
        {
            throw new ArgumentOutOfRangeException(nameof(minutes), minutes, "The SDS011 working period is 0 (continuous) to 30 minutes.");
        }

        WriteCommand(destination, Sds011Command.WorkingPeriod, 1, minutes);
    }

    /// <summary>
    /// Writes the reply frame an SDS011 sends (<c>AA C5</c> or a measurement <c>AA C0</c>) for the simulated
    /// sensor and for tests.
    /// </summary>
    public static void WriteSensorFrame(Span<byte> destination, bool reply, byte d1, byte d2, byte d3, byte d4, ushort deviceId)
    {
        var frame = destination[..Sds011FrameFormat.Length];
        frame[0] = Sds011FrameFormat.Head;
        frame[1] = reply ? Sds011FrameFormat.ReplyCommand : Sds011FrameFormat.MeasurementCommand;
        frame[2] = d1;
        frame[3] = d2;
        frame[4] = d3;
        frame[5] = d4;
        frame[6] = (byte)(deviceId >> 8);
        frame[7] = (byte)deviceId;
        frame[8] = Sds011FrameFormat.Checksum(frame[2..8]);
        frame[9] = Sds011FrameFormat.Tail;
    }

    /// <summary>Writes a measurement frame for <paramref name="pm25"/> and <paramref name="pm10"/> µg/m³ (clamped to 0–999.9).</summary>
    public static void WriteMeasurement(Span<byte> destination, double pm25, double pm10, ushort deviceId)
    {
        ushort p25 = ToTenths(pm25);
        ushort p10 = ToTenths(pm10);
        WriteSensorFrame(destination, false, (byte)p25, (byte)(p25 >> 8), (byte)p10, (byte)(p10 >> 8), deviceId);
    }

    private static ushort ToTenths(double value) =>
        (ushort)Math.Round(Math.Clamp(double.IsFinite(value) ? value : 0, 0, 999.9) * 10);
}
