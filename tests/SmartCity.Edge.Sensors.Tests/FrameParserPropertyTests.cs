using System.Buffers;
using CsCheck;
using SmartCity.Edge.Sensors.Drivers.Pms5003;
using SmartCity.Edge.Sensors.Drivers.Sds011;

namespace SmartCity.Edge.Sensors.Tests;

/// <summary>
/// Property-based tests: whatever bytes arrive, in whatever chunks, the parsers neither throw nor lose
/// track of a byte: every consumed byte is accounted for as frame, garbage, checksum-error frame or foreign frame.
/// </summary>
public sealed class FrameParserPropertyTests
{
    private static readonly Gen<byte[]> s_noise = Gen.Byte.Array[0, 300];

    // Random bytes biased towards header and tail bytes, so that near-frames (the hard cases) are common.
    private static readonly Gen<byte[]> s_nearFrames =
        Gen.Frequency((4, Gen.Byte), (1, Gen.OneOf<byte>(0xAA, 0xC0, 0xC5, 0xAB, 0x42, 0x4D, 0x00, 0x1C, 0x04))).Array[0, 300];

    [Fact]
    public void Sds011_parser_survives_100k_random_streams_and_accounts_for_every_byte()
    {
        Gen.OneOf(s_noise, s_nearFrames).Select(Gen.Int[1, 40]).Sample(
            (bytes, chunk) => AssertAccounted(bytes, chunk, sds: true),
            iter: 100_000,
            threads: 1);
    }

    [Fact]
    public void Pms5003_parser_survives_100k_random_streams_and_accounts_for_every_byte()
    {
        Gen.OneOf(s_noise, s_nearFrames).Select(Gen.Int[1, 40]).Sample(
            (bytes, chunk) => AssertAccounted(bytes, chunk, sds: false),
            iter: 100_000,
            threads: 1);
    }

    [Fact]
    public void Frames_embedded_in_header_free_noise_are_all_found()
    {
        var noise = Gen.Byte.Where(b => b is not (0xAA or 0x42)).Array[0, 20];
        var sdsFrame = Gen.Int[0, 9999].Select(Gen.Int[0, 9999]).Select(t => Frames.Sds(t.Item1, t.Item2));
        Gen.Select(noise, sdsFrame).Array[1, 10].Sample(parts =>
        {
            var bytes = Frames.Concat(parts.SelectMany(p => new[] { p.Item1, p.Item2 }).ToArray());
            var decoder = new Sds011FrameDecoder();
            var sequence = new ReadOnlySequence<byte>(bytes);
            int found = 0;
            while (decoder.TryDecode(sequence, out var frame, out var consumed, out _))
            {
                var expected = parts[found].Item2;
                Assert.Equal((expected[2] | (expected[3] << 8)) / 10.0, frame.Pm25, 10);
                found++;
                sequence = sequence.Slice(consumed);
            }

            Assert.Equal(parts.Length, found);
            Assert.Equal(parts.Sum(p => p.Item1.Length), decoder.Counters.GarbageBytes);
        }, iter: 20_000);
    }

    private static void AssertAccounted(byte[] bytes, int chunk, bool sds)
    {
        var counters = new SensorCounters();
        var sdsDecoder = new Sds011FrameDecoder(counters);
        var pmsDecoder = new Pms5003FrameDecoder(counters);
        var pending = new List<byte>();
        long consumedTotal = 0;
        long frameBytes = 0;
        for (int offset = 0; offset < bytes.Length; offset += chunk)
        {
            pending.AddRange(bytes.AsSpan(offset, Math.Min(chunk, bytes.Length - offset)).ToArray());
            while (true)
            {
                var sequence = new ReadOnlySequence<byte>(pending.ToArray());
                SequencePosition consumed;
                bool ok;
                if (sds)
                {
                    ok = sdsDecoder.TryDecode(sequence, out var f, out consumed, out _);
                    if (ok)
                    {
                        frameBytes += 10;
                        Assert.InRange(f.Pm25, 0, 6553.5);
                    }
                }
                else
                {
                    ok = pmsDecoder.TryDecode(sequence, out var f, out consumed, out _);
                    if (ok)
                    {
                        frameBytes += f.IsReply ? 8 : 32;
                    }
                }

                long used = sequence.Slice(0, consumed).Length;
                Assert.InRange(used, 0, sequence.Length);
                consumedTotal += used;
                pending.RemoveRange(0, (int)used);
                if (!ok)
                {
                    break;
                }
            }

            // A decoder never holds more than one maximal frame of unexamined bytes.
            Assert.True(pending.Count < 32, $"{pending.Count} bytes held back");
        }

        long foreignFrames = counters.ForeignFrames;
        long accounted = frameBytes + counters.GarbageBytes;
        long rest = consumedTotal - accounted;

        // Whatever is not frames or garbage must be whole checksum-error and foreign frames.
        Assert.True(rest >= 0, $"consumed {consumedTotal} < frames {frameBytes} + garbage {counters.GarbageBytes}");
        if (counters.ChecksumErrors == 0 && foreignFrames == 0)
        {
            Assert.Equal(0, rest);
        }
        else
        {
            Assert.True(rest >= (counters.ChecksumErrors + foreignFrames) * 8, $"rest {rest} too small for the counted frames");
            Assert.True(rest <= (counters.ChecksumErrors + foreignFrames) * 32, $"rest {rest} too large for the counted frames");
        }
    }
}
