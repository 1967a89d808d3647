using System.Buffers.Binary;

namespace SmartCity.Edge.Sensors.Drivers.Pms5003;

/// <summary>
/// One frame received from a PMSx003: a measurement (frame length 28) or the answer to a command (length 4).
/// Concentrations are µg/m³, particle counts are per 0.1 L of air.
/// </summary>
public readonly struct Pms5003Frame
{
    private Pms5003Frame(ReadOnlySpan<byte> frame)
    {
        IsReply = frame.Length == Pms5003FrameFormat.ReplyLength;
        if (IsReply)
        {
            ReplyCommand = frame[4];
            ReplyValue = frame[5];
            return;
        }

        Pm1Cf1 = Word(frame, 0);
        Pm25Cf1 = Word(frame, 1);
        Pm10Cf1 = Word(frame, 2);
        Pm1 = Word(frame, 3);
        Pm25 = Word(frame, 4);
        Pm10 = Word(frame, 5);
        Particles03 = Word(frame, 6);
        Particles05 = Word(frame, 7);
        Particles10 = Word(frame, 8);
        Particles25 = Word(frame, 9);
        Particles50 = Word(frame, 10);
        Particles100 = Word(frame, 11);
        Reserved = Word(frame, 12);
    }

    /// <summary>True for the 8-byte answer to a command, false for a measurement.</summary>
    public bool IsReply { get; }

    /// <summary>The command answered (0xE1 mode, 0xE4 sleep).</summary>
    public byte ReplyCommand { get; }

    /// <summary>The value echoed in the answer.</summary>
    public byte ReplyValue { get; }

    /// <summary>PM1.0, CF=1 ("standard particle").</summary>
    public ushort Pm1Cf1 { get; }

    /// <summary>PM2.5, CF=1 — the input of the EPA humidity correction.</summary>
    public ushort Pm25Cf1 { get; }

    /// <summary>PM10, CF=1.</summary>
    public ushort Pm10Cf1 { get; }

    /// <summary>PM1.0 under atmospheric environment.</summary>
    public ushort Pm1 { get; }

    /// <summary>PM2.5 under atmospheric environment.</summary>
    public ushort Pm25 { get; }

    /// <summary>PM10 under atmospheric environment.</summary>
    public ushort Pm10 { get; }

    /// <summary>Particles above 0.3 µm per 0.1 L.</summary>
    public ushort Particles03 { get; }

    /// <summary>Particles above 0.5 µm per 0.1 L.</summary>
    public ushort Particles05 { get; }

    /// <summary>Particles above 1.0 µm per 0.1 L.</summary>
    public ushort Particles10 { get; }

    /// <summary>Particles above 2.5 µm per 0.1 L.</summary>
    public ushort Particles25 { get; }

    /// <summary>Particles above 5.0 µm per 0.1 L.</summary>
    public ushort Particles50 { get; }

    /// <summary>Particles above 10 µm per 0.1 L.</summary>
    public ushort Particles100 { get; }

    /// <summary>Data 13 (version and error code on PMS5003).</summary>
    public ushort Reserved { get; }

    /// <summary>Decodes a frame already validated by the decoder.</summary>
    internal static Pms5003Frame FromValidated(ReadOnlySpan<byte> frame) => new(frame);

    private static ushort Word(ReadOnlySpan<byte> frame, int index) =>
        BinaryPrimitives.ReadUInt16BigEndian(frame.Slice(4 + (2 * index), 2));
}
