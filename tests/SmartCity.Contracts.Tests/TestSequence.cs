using System.Buffers;

namespace SmartCity.Contracts.Tests;

/// <summary>Builds multi-segment <see cref="ReadOnlySequence{T}"/>s, as MQTT clients hand payloads over.</summary>
internal sealed class TestSequence : ReadOnlySequenceSegment<byte>
{
    private TestSequence(ReadOnlyMemory<byte> memory, long runningIndex)
    {
        Memory = memory;
        RunningIndex = runningIndex;
    }

    /// <summary>Splits <paramref name="bytes"/> into <paramref name="parts"/> segments.</summary>
    public static ReadOnlySequence<byte> Split(byte[] bytes, int parts)
    {
        int size = (bytes.Length + parts - 1) / parts;
        var first = new TestSequence(bytes.AsMemory(0, Math.Min(size, bytes.Length)), 0);
        TestSequence last = first;
        for (int start = size; start < bytes.Length; start += size)
        {
            var next = new TestSequence(bytes.AsMemory(start, Math.Min(size, bytes.Length - start)), start);
            last.Next = next;
            last = next;
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }
}
