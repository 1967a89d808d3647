using System.Buffers;
using SmartCity.Edge.Sensors.Drivers.Sds011;

namespace SmartCity.Edge.Sensors.Tests;

public sealed class Sds011FrameDecoderTests
{
    [Fact]
    public void Decodes_the_datasheet_example_frame()
    {
        var decoder = new Sds011FrameDecoder();
        var buffer = new ReadOnlySequence<byte>(Frames.SdsDatasheetMeasurement);

        Assert.True(decoder.TryDecode(buffer, out var frame, out var consumed, out _));

        Assert.False(frame.IsReply);
        Assert.Equal(123.6, frame.Pm25, 10);
        Assert.Equal(261.8, frame.Pm10, 10);
        Assert.Equal(0xA160, frame.DeviceId);
        Assert.Equal(10, buffer.Slice(0, consumed).Length);
        Assert.Equal(1, decoder.Counters.Frames);
        Assert.Equal(0, decoder.Counters.GarbageBytes);
    }

    [Fact]
    public void Resynchronises_after_garbage_and_counts_each_garbage_byte_once()
    {
        var decoder = new Sds011FrameDecoder();
        byte[] garbage = [0x00, 0xAA, 0x13, 0xAB, 0xFF];
        var bytes = Frames.Concat(garbage, Frames.Sds(105, 222));

        Assert.True(decoder.TryDecode(new ReadOnlySequence<byte>(bytes), out var frame, out var consumed, out _));

        Assert.Equal(10.5, frame.Pm25, 10);
        Assert.Equal(22.2, frame.Pm10, 10);
        Assert.Equal(bytes.Length, new ReadOnlySequence<byte>(bytes).Slice(0, consumed).Length);
        Assert.Equal(garbage.Length, decoder.Counters.GarbageBytes);
    }

    [Fact]
    public void A_frame_split_across_segments_is_decoded_whole()
    {
        var decoder = new Sds011FrameDecoder();
        var bytes = Frames.Sds(42, 99);
        for (int cut = 1; cut < bytes.Length; cut++)
        {
            Assert.True(decoder.TryDecode(ByteSequences.Split(bytes, cut), out var frame, out _, out _));
            Assert.Equal(4.2, frame.Pm25, 10);
        }

        Assert.Equal(0, decoder.Counters.GarbageBytes);
    }

    [Fact]
    public void A_partial_frame_is_kept_for_the_next_call()
    {
        var decoder = new Sds011FrameDecoder();
        var bytes = Frames.Concat([0x01, 0x02], Frames.Sds(10, 20));
        var head = new ReadOnlySequence<byte>(bytes, 0, 7);

        Assert.False(decoder.TryDecode(head, out _, out var consumed, out var examined));

        // The two garbage bytes are consumed (and counted); the frame start is kept; everything was examined.
        Assert.Equal(2, head.Slice(0, consumed).Length);
        Assert.Equal(head.End, examined);
        Assert.Equal(2, decoder.Counters.GarbageBytes);

        Assert.True(decoder.TryDecode(new ReadOnlySequence<byte>(bytes, 2, bytes.Length - 2), out var frame, out _, out _));
        Assert.Equal(1.0, frame.Pm25, 10);
        Assert.Equal(2, decoder.Counters.GarbageBytes);
    }

    [Fact]
    public void A_bad_checksum_is_counted_and_skipped()
    {
        var decoder = new Sds011FrameDecoder();
        var bytes = Frames.Concat(Frames.Corrupt(Frames.Sds(500, 600), 3), Frames.Sds(70, 80));

        Assert.True(decoder.TryDecode(new ReadOnlySequence<byte>(bytes), out var frame, out _, out _));

        Assert.Equal(7.0, frame.Pm25, 10);
        Assert.Equal(1, decoder.Counters.ChecksumErrors);
        Assert.Equal(0, decoder.Counters.GarbageBytes);
    }

    [Fact]
    public void A_pms5003_frame_on_an_sds011_port_is_counted_as_foreign()
    {
        var decoder = new Sds011FrameDecoder();
        var bytes = Frames.Concat(Frames.Pms(5, 8, 9, 5, 8, 9), Frames.Sds(33, 44));

        Assert.True(decoder.TryDecode(new ReadOnlySequence<byte>(bytes), out var frame, out _, out _));

        Assert.Equal(3.3, frame.Pm25, 10);
        Assert.Equal(1, decoder.Counters.ForeignFrames);
        Assert.Equal(0, decoder.Counters.GarbageBytes);
    }

    [Fact]
    public void Only_foreign_frames_yield_nothing_but_the_count()
    {
        var decoder = new Sds011FrameDecoder();
        var bytes = Frames.Concat(Frames.Pms(1, 2, 3, 1, 2, 3), Frames.Pms(4, 5, 6, 4, 5, 6));

        Assert.False(decoder.TryDecode(new ReadOnlySequence<byte>(bytes), out _, out var consumed, out _));

        Assert.Equal(2, decoder.Counters.ForeignFrames);
        Assert.Equal(bytes.Length, new ReadOnlySequence<byte>(bytes).Slice(0, consumed).Length);
    }

    [Fact]
    public void A_command_reply_is_decoded_as_a_reply()
    {
        var decoder = new Sds011FrameDecoder();

        // Datasheet: reply to "set sleep" is AA C5 06 01 00 00 A1 60 08 AB.
        byte[] reply = [0xAA, 0xC5, 0x06, 0x01, 0x00, 0x00, 0xA1, 0x60, 0x08, 0xAB];
        Assert.True(decoder.TryDecode(new ReadOnlySequence<byte>(reply), out var frame, out _, out _));

        Assert.True(frame.IsReply);
        Assert.Equal(Sds011Command.SleepWork, frame.ReplyTo);
        Assert.Equal(0, frame.ReplyValue);
    }

    [Fact]
    public void Command_frames_match_the_protocol_sheet()
    {
        var buffer = new byte[19];

        Sds011Protocol.WriteSleepWork(buffer, work: false);
        Assert.Equal(Convert.FromHexString("AAB406010000000000000000000000FFFF05AB"), buffer);

        Sds011Protocol.WriteSleepWork(buffer, work: true);
        Assert.Equal(Convert.FromHexString("AAB406010100000000000000000000FFFF06AB"), buffer);

        Sds011Protocol.WriteSetReportingMode(buffer, query: true);
        Assert.Equal(Convert.FromHexString("AAB402010100000000000000000000FFFF02AB"), buffer);

        Sds011Protocol.WriteQueryData(buffer);
        Assert.Equal(Convert.FromHexString("AAB404000000000000000000000000FFFF02AB"), buffer);

        Sds011Protocol.WriteSetWorkingPeriod(buffer, 3);
        Assert.Equal(Convert.FromHexString("AAB408010300000000000000000000FFFF0AAB"), buffer);
    }
}
