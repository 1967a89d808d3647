using System.Buffers;
using SmartCity.Edge.Sensors.Drivers.Pms5003;
using SmartCity.Edge.Sensors.Drivers.Sds011;

namespace SmartCity.Edge.Sensors.Tests;

/// <summary>The parse path allocates nothing per frame (measured with the per-thread allocation counter).</summary>
public sealed class AllocationTests
{
    [Fact]
    public void Sds011_decoding_allocates_nothing_per_frame()
    {
        var stream = Frames.Concat(Enumerable.Range(0, 1000)
            .SelectMany(i => new[] { new byte[] { 0x00, 0x42 }, Frames.Sds(i, i * 2), Frames.Corrupt(Frames.Sds(1, 2), 4) })
            .ToArray());
        var decoder = new Sds011FrameDecoder();
        Decode(decoder, stream); // warm up: JIT, tiering, static initialisers

        long before = GC.GetAllocatedBytesForCurrentThread();
        int frames = Decode(decoder, stream);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(1000, frames);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Pms5003_decoding_allocates_nothing_per_frame()
    {
        var stream = Frames.Concat(Enumerable.Range(0, 1000)
            .SelectMany(i => new[] { Frames.Pms(1, 2, 3, 4, (ushort)i, 6), new byte[] { 0xAA, 0x13 }, Frames.SdsDatasheetMeasurement })
            .ToArray());
        var decoder = new Pms5003FrameDecoder();
        Decode(decoder, stream);

        long before = GC.GetAllocatedBytesForCurrentThread();
        int frames = Decode(decoder, stream);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(1000, frames);
        Assert.Equal(0, allocated);
    }

    private static int Decode(Sds011FrameDecoder decoder, byte[] stream)
    {
        var sequence = new ReadOnlySequence<byte>(stream);
        int frames = 0;
        while (decoder.TryDecode(sequence, out _, out var consumed, out _))
        {
            frames++;
            sequence = sequence.Slice(consumed);
        }

        return frames;
    }

    private static int Decode(Pms5003FrameDecoder decoder, byte[] stream)
    {
        var sequence = new ReadOnlySequence<byte>(stream);
        int frames = 0;
        while (decoder.TryDecode(sequence, out _, out var consumed, out _))
        {
            frames++;
            sequence = sequence.Slice(consumed);
        }

        return frames;
    }
}
