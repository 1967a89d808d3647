using System.Buffers;
using SmartCity.Edge.Sensors.Drivers.Pms5003;
using SmartCity.Edge.Sensors.Drivers.Serial;

namespace SmartCity.Edge.Sensors.Drivers.Sds011;

/// <summary>
/// Cuts SDS011 frames from a byte stream (<c>TryDecode</c> in the style of System.IO.Pipelines readers).
/// Garbage, bad checksums and PMS5003 frames (a Plantower sensor wired to an SDS011 port) are counted in
/// <see cref="Counters"/>; nothing is allocated per call.
/// </summary>
public sealed class Sds011FrameDecoder
{
    /// <summary>Creates a decoder that counts into <paramref name="counters"/> (a new set when null).</summary>
    public Sds011FrameDecoder(SensorCounters? counters = null) => Counters = counters ?? new SensorCounters();

    /// <summary>Frames, garbage bytes, checksum errors and foreign frames seen so far.</summary>
    public SensorCounters Counters { get; }

    /// <summary>
    /// Finds the next valid frame in <paramref name="buffer"/>. On <see langword="true"/>, <paramref name="consumed"/>
    /// is just after the frame; on <see langword="false"/> it is where a partial frame starts (or the end), and
    /// <paramref name="examined"/> is the end: call again when more bytes have arrived.
    /// </summary>
    public bool TryDecode(in ReadOnlySequence<byte> buffer, out Sds011Frame frame, out SequencePosition consumed, out SequencePosition examined)
    {
        Span<byte> bytes = stackalloc byte[FrameScanner.MaxFrameLength];
        if (FrameScanner.TryCut<Sds011FrameFormat, Pms5003FrameFormat>(buffer, bytes, Counters, out _, out consumed, out examined))
        {
            frame = Sds011Frame.FromValidated(bytes);
            return true;
        }

        frame = default;
        return false;
    }
}
