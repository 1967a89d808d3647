using System.Buffers;

namespace SmartCity.Edge.Sensors.Drivers.Serial;

/// <summary>
/// Cuts frames of one format out of a byte stream: resynchronises after garbage, skips frames with a bad
/// checksum, recognises (and skips) whole frames of another sensor's format, and leaves a partial frame in
/// the buffer for the next call. Allocation-free: the stream is walked with a <see cref="SequenceReader{T}"/>
/// and candidate frames are copied into a stack buffer.
/// </summary>
internal static class FrameScanner
{
    /// <summary>The longest frame of any supported format (PMS5003: 32 bytes).</summary>
    public const int MaxFrameLength = 32;

    /// <summary>
    /// Finds the next valid <typeparamref name="TOwn"/> frame in <paramref name="buffer"/> and copies it to
    /// <paramref name="frame"/>. <paramref name="consumed"/> is where the next call must start (after the frame,
    /// or at a partial frame to keep); <paramref name="examined"/> is how far the bytes were looked at.
    /// Garbage bytes, bad checksums and foreign frames are added to <paramref name="counters"/> exactly once.
    /// </summary>
    public static bool TryCut<TOwn, TForeign>(
        in ReadOnlySequence<byte> buffer,
        Span<byte> frame,
        SensorCounters counters,
        out int frameLength,
        out SequencePosition consumed,
        out SequencePosition examined)
        where TOwn : IFrameFormat
        where TForeign : IFrameFormat
    {
        var reader = new SequenceReader<byte>(buffer);
        Span<byte> window = stackalloc byte[MaxFrameLength];
        long garbageFrom = 0;

        // Where a foreign frame may start but is not complete yet: kept for the next call unless a frame of
        // our own turns up after it (then it was garbage that happened to look like a header).
        long foreignHold = -1;
        long keepFrom = -1;

        while (reader.TryPeek(out byte first))
        {
            bool own = TOwn.IsHeaderStart(first);
            bool foreign = TForeign.IsHeaderStart(first);
            if (!own && !foreign)
            {
                reader.Advance(1);
                continue;
            }

            long at = reader.Consumed;
            int available = (int)Math.Min(reader.Remaining, MaxFrameLength);
            var candidate = window[..available];
            reader.TryCopyTo(candidate);

            if (own)
            {
                switch (TOwn.Probe(candidate, out int length))
                {
                    case FrameProbe.Valid:
                        AddGarbage(counters, at - garbageFrom);
                        Interlocked.Increment(ref counters._frames);
                        candidate[..length].CopyTo(frame);
                        frameLength = length;
                        reader.Advance(length);
                        consumed = reader.Position;
                        examined = reader.Position;
                        return true;

                    case FrameProbe.NeedMore:
                        keepFrom = foreignHold >= 0 ? foreignHold : at;
                        goto Incomplete;

                    case FrameProbe.BadChecksum:
                        AddGarbage(counters, at - garbageFrom);
                        Interlocked.Increment(ref counters._checksumErrors);
                        reader.Advance(length);
                        garbageFrom = reader.Consumed;
                        foreignHold = -1;
                        continue;
                }
            }

            if (foreign)
            {
                switch (TForeign.Probe(candidate, out int length))
                {
                    case FrameProbe.Valid:
                        AddGarbage(counters, at - garbageFrom);
                        Interlocked.Increment(ref counters._foreignFrames);
                        reader.Advance(length);
                        garbageFrom = reader.Consumed;
                        foreignHold = -1;
                        continue;

                    case FrameProbe.NeedMore when foreignHold < 0:
                        foreignHold = at;
                        break;
                }
            }

            reader.Advance(1);
        }

        keepFrom = foreignHold >= 0 ? foreignHold : reader.Consumed;

    Incomplete:
        AddGarbage(counters, keepFrom - garbageFrom);
        frameLength = 0;
        consumed = buffer.GetPosition(keepFrom);
        examined = buffer.End;
        return false;
    }

    private static void AddGarbage(SensorCounters counters, long count)
    {
        if (count > 0)
        {
            Interlocked.Add(ref counters._garbageBytes, count);
        }
    }
}
