namespace SmartCity.Edge.Sensors.Drivers.Serial;

/// <summary>
/// A UART frame format as static members, so <see cref="FrameScanner"/> is specialised per format by the JIT
/// (no virtual call or delegate per byte).
/// </summary>
internal interface IFrameFormat
{
    /// <summary>True when <paramref name="value"/> can be the first byte of a frame.</summary>
    static abstract bool IsHeaderStart(byte value);

    /// <summary>
    /// Judges the bytes at a candidate header (<paramref name="window"/> holds up to
    /// <see cref="FrameScanner.MaxFrameLength"/> bytes); <paramref name="length"/> is the frame's length when known.
    /// </summary>
    static abstract FrameProbe Probe(ReadOnlySpan<byte> window, out int length);
}
