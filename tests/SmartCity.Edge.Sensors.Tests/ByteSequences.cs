using System.Buffers;

namespace SmartCity.Edge.Sensors.Tests;

/// <summary>Builds multi-segment <see cref="ReadOnlySequence{T}"/>s, the shape a pipe hands a parser when a frame straddles two reads.</summary>
internal static class ByteSequences
{
    public static ReadOnlySequence<byte> Segmented(params byte[][] chunks)
    {
        if (chunks.Length == 0)
        {
            return ReadOnlySequence<byte>.Empty;
        }

        var first = new Segment(chunks[0], 0);
        var last = first;
        for (int i = 1; i < chunks.Length; i++)
        {
            last = last.Append(chunks[i]);
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    /// <summary>Splits <paramref name="bytes"/> at the given cut points into a segmented sequence.</summary>
    public static ReadOnlySequence<byte> Split(byte[] bytes, params int[] cuts)
    {
        var chunks = new List<byte[]>();
        int from = 0;
        foreach (int cut in cuts)
        {
            chunks.Add(bytes[from..cut]);
            from = cut;
        }

        chunks.Add(bytes[from..]);
        return Segmented([.. chunks]);
    }

    /// <summary>Low byte of the sum: computed here independently of the production code.</summary>
    public static byte Sum8(ReadOnlySpan<byte> data)
    {
        int s = 0;
        foreach (byte b in data)
        {
            s += b;
        }

        return (byte)s;
    }

    public static ushort Sum16(ReadOnlySpan<byte> data)
    {
        int s = 0;
        foreach (byte b in data)
        {
            s += b;
        }

        return (ushort)s;
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(byte[] memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(byte[] memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
