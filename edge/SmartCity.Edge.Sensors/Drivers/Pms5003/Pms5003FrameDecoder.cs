using System.Buffers;
using SmartCity.Edge.Sensors.Drivers.Sds011;
using SmartCity.Edge.Sensors.Drivers.Serial;

namespace SmartCity.Edge.Sensors.Drivers.Pms5003;

/// <summary>
/// Cuts PMSx003 frames from a byte stream. Garbage, bad checksums and SDS011 frames (a Nova sensor wired to
/// a Plantower port) are counted in <see cref="Counters"/>; nothing is allocated per call.
/// </summary>
public sealed class Pms5003FrameDecoder
{
    /// <summary>Creates a decoder that counts into <paramref name="counters"/> (a new set when null).</summary>
    public Pms5003FrameDecoder(SensorCounters? counters = null) => Counters = counters ?? new SensorCounters();

    /// <summary>Frames, garbage bytes, checksum errors and foreign frames seen so far.</summary>
    public SensorCounters Counters { get; }

    /// <summary>See <see cref="Sds011FrameDecoder.TryDecode"/>: same contract, PMSx003 frames.</summary>
    public bool TryDecode(in ReadOnlySequence<byte> buffer, out Pms5003Frame frame, out SequencePosition consumed, out SequencePosition examined)
    {
        Span<byte> bytes = stackalloc byte[FrameScanner.MaxFrameLength];
        if (FrameScanner.TryCut<Pms5003FrameFormat, Sds011FrameFormat>(buffer, bytes, Counters, out int length, out consumed, out examined))
        {
            frame = Pms5003Frame.FromValidated(bytes[..length]);
            return true;
        }

        frame = default;
        return false;
    }
}
