using System.Buffers.Binary;

namespace SmartCity.Edge.Sensors.Drivers.Pms5003;

/// <summary>
/// Command frames sent to a PMSx003 (PMS5003 datasheet, "Host protocol"): 7 bytes <c>42 4D cmd dataH dataL
/// checkH checkL</c>, check = sum of the first five bytes. Passive mode = <c>42 4D E1 00 00 01 70</c>,
/// read in passive mode = <c>42 4D E2 00 00 01 71</c>, sleep = <c>42 4D E4 00 00 01 73</c>, wake = <c>… E4 00 01 01 74</c>.
/// </summary>
public static class Pms5003Protocol
{
    /// <summary>Length of a command frame.</summary>
    public const int CommandLength = 7;

    /// <summary>Change mode: data 0 = passive, 1 = active.</summary>
    public const byte ChangeMode = 0xE1;

    /// <summary>Read one measurement in passive mode.</summary>
    public const byte ReadPassive = 0xE2;

    /// <summary>Sleep (data 0) or wake (data 1).</summary>
    public const byte SleepWake = 0xE4;

    /// <summary>Writes a command frame into <paramref name="destination"/> (at least 7 bytes).</summary>
    public static void WriteCommand(Span<byte> destination, byte command, ushort data)
    {
        var frame = destination[..CommandLength];
        frame[0] = Pms5003FrameFormat.Start1;
        frame[1] = Pms5003FrameFormat.Start2;
        frame[2] = command;
        BinaryPrimitives.WriteUInt16BigEndian(frame[3..], data);
        BinaryPrimitives.WriteUInt16BigEndian(frame[5..], Pms5003FrameFormat.Checksum(frame[..5]));
    }

    /// <summary>
    /// Writes a 32-byte measurement frame (for the simulated sensor and tests). <paramref name="words"/> holds the
    /// 13 data words in datasheet order: PM1/2.5/10 CF=1, PM1/2.5/10 atmospheric, six particle counts, reserved.
    /// </summary>
    public static void WriteMeasurement(Span<byte> destination, ReadOnlySpan<ushort> words)
    {
        if (words.Length != 13)
        {
            throw new ArgumentException("A PMS5003 frame carries exactly 13 data words.", nameof(words));
        }

        var frame = destination[..Pms5003FrameFormat.MeasurementLength];
        frame[0] = Pms5003FrameFormat.Start1;
        frame[1] = Pms5003FrameFormat.Start2;
        BinaryPrimitives.WriteUInt16BigEndian(frame[2..], Pms5003FrameFormat.MeasurementLength - 4);
        for (int i = 0; i < 13; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(frame[(4 + (2 * i))..], words[i]);
        }

        BinaryPrimitives.WriteUInt16BigEndian(frame[30..], Pms5003FrameFormat.Checksum(frame[..30]));
    }

    /// <summary>Writes the 8-byte answer a PMS5003 gives to a mode or sleep command (e.g. <c>42 4D 00 04 E1 00 01 74</c>).</summary>
    public static void WriteReply(Span<byte> destination, byte command, byte value)
    {
        var frame = destination[..Pms5003FrameFormat.ReplyLength];
        frame[0] = Pms5003FrameFormat.Start1;
        frame[1] = Pms5003FrameFormat.Start2;
        frame[2] = 0;
        frame[3] = 4;
        frame[4] = command;
        frame[5] = value;
        BinaryPrimitives.WriteUInt16BigEndian(frame[6..], Pms5003FrameFormat.Checksum(frame[..6]));
    }
}
