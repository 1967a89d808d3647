namespace SmartCity.Edge.Sensors.Drivers.Sds011;

/// <summary>
/// One frame received from an SDS011: a measurement (<c>AA C0</c>) or a command reply (<c>AA C5</c>).
/// A struct of the six data bytes, decoded on demand.
/// </summary>
public readonly struct Sds011Frame
{
    private readonly byte _d1, _d2, _d3, _d4, _d5, _d6;

    private Sds011Frame(bool isReply, ReadOnlySpan<byte> data)
    {
        IsReply = isReply;
        _d1 = data[0];
        _d2 = data[1];
        _d3 = data[2];
        _d4 = data[3];
        _d5 = data[4];
        _d6 = data[5];
    }

    /// <summary>True for a command reply (<c>AA C5</c>), false for a measurement (<c>AA C0</c>).</summary>
    public bool IsReply { get; }

    /// <summary>PM2.5 in µg/m³ (measurement frames): (high·256 + low) / 10.</summary>
    public double Pm25 => (_d1 | (_d2 << 8)) / 10.0;

    /// <summary>PM10 in µg/m³ (measurement frames).</summary>
    public double Pm10 => (_d3 | (_d4 << 8)) / 10.0;

    /// <summary>The command a reply answers.</summary>
    public Sds011Command ReplyTo => (Sds011Command)_d1;

    /// <summary>
    /// The value a reply reports (fourth data byte): reporting mode (0 active, 1 query), 0 sleep / 1 work,
    /// working period in minutes.
    /// </summary>
    public byte ReplyValue => _d3;

    /// <summary>Whether a reply echoes a "set" (1) rather than a "query" (0).</summary>
    public bool ReplyIsSet => _d2 == 1;

    /// <summary>The sensor's two-byte id.</summary>
    public ushort DeviceId => (ushort)((_d5 << 8) | _d6);

    /// <summary>Decodes a frame already validated by the decoder (10 bytes).</summary>
    internal static Sds011Frame FromValidated(ReadOnlySpan<byte> frame) =>
        new(frame[1] == Sds011FrameFormat.ReplyCommand, frame.Slice(2, 6));
}
