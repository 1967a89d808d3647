using System.Buffers;
using SmartCity.Edge.Sensors.Drivers.Pms5003;

namespace SmartCity.Edge.Sensors.Tests;

public sealed class Pms5003FrameDecoderTests
{
    [Fact]
    public void Decodes_cf1_atmospheric_and_counts()
    {
        var decoder = new Pms5003FrameDecoder();
        var bytes = Frames.Pms(11, 17, 20, 9, 14, 19, count03: 2345);

        Assert.True(decoder.TryDecode(new ReadOnlySequence<byte>(bytes), out var f, out _, out _));

        Assert.False(f.IsReply);
        Assert.Equal((11, 17, 20), (f.Pm1Cf1, f.Pm25Cf1, f.Pm10Cf1));
        Assert.Equal((9, 14, 19), (f.Pm1, f.Pm25, f.Pm10));
        Assert.Equal(2345, f.Particles03);
        Assert.Equal(345, f.Particles05);
        Assert.Equal(67, f.Particles10);
        Assert.Equal(8, f.Particles25);
        Assert.Equal(2, f.Particles50);
        Assert.Equal(1, f.Particles100);
    }

    [Fact]
    public void Frame_split_at_every_position_and_garbage_in_front()
    {
        var bytes = Frames.Concat([0x42, 0x00, 0x4D, 0x13], Frames.Pms(1, 2, 3, 4, 5, 6));
        for (int cut = 1; cut < bytes.Length; cut++)
        {
            var decoder = new Pms5003FrameDecoder();
            Assert.True(decoder.TryDecode(ByteSequences.Split(bytes, cut), out var frame, out _, out _));
            Assert.Equal(5, frame.Pm25);
            Assert.Equal(4, decoder.Counters.GarbageBytes);
        }
    }

    [Fact]
    public void Bad_checksum_then_good_frame()
    {
        var decoder = new Pms5003FrameDecoder();
        var bytes = Frames.Concat(Frames.Corrupt(Frames.Pms(1, 2, 3, 4, 5, 6), 10), Frames.Pms(7, 8, 9, 10, 11, 12));

        Assert.True(decoder.TryDecode(new ReadOnlySequence<byte>(bytes), out var frame, out _, out _));

        Assert.Equal(11, frame.Pm25);
        Assert.Equal(1, decoder.Counters.ChecksumErrors);
    }

    [Fact]
    public void Sds011_frames_on_a_pms_port_are_foreign()
    {
        var decoder = new Pms5003FrameDecoder();
        var bytes = Frames.Concat(Frames.SdsDatasheetMeasurement, Frames.Pms(1, 2, 3, 4, 5, 6));

        Assert.True(decoder.TryDecode(new ReadOnlySequence<byte>(bytes), out _, out _, out _));

        Assert.Equal(1, decoder.Counters.ForeignFrames);
        Assert.Equal(0, decoder.Counters.GarbageBytes);
    }

    [Fact]
    public void A_held_foreign_candidate_does_not_stall_a_real_frame_behind_it()
    {
        // "AA C0" looks like the start of an SDS011 frame but only 2 bytes of it are there; the PMS frame after
        // it must still come out now, not when 8 more bytes arrive.
        var decoder = new Pms5003FrameDecoder();
        var bytes = Frames.Concat([0xAA, 0xC0], Frames.Pms(1, 2, 3, 4, 5, 6));

        Assert.True(decoder.TryDecode(new ReadOnlySequence<byte>(bytes), out var frame, out _, out _));

        Assert.Equal(5, frame.Pm25);
        Assert.Equal(2, decoder.Counters.GarbageBytes);
    }

    [Fact]
    public void Command_answer_is_a_reply_frame()
    {
        var decoder = new Pms5003FrameDecoder();

        // Answer to "change to passive" as printed in the PMS7003/PMS5003 manuals: 42 4D 00 04 E1 00 01 74.
        byte[] answer = [0x42, 0x4D, 0x00, 0x04, 0xE1, 0x00, 0x01, 0x74];
        Assert.True(decoder.TryDecode(new ReadOnlySequence<byte>(answer), out var frame, out _, out _));

        Assert.True(frame.IsReply);
        Assert.Equal(0xE1, frame.ReplyCommand);
    }

    [Fact]
    public void Command_frames_match_the_datasheet()
    {
        var buffer = new byte[7];
        Pms5003Protocol.WriteCommand(buffer, Pms5003Protocol.ChangeMode, 0);
        Assert.Equal(Convert.FromHexString("424DE100000170"), buffer);
        Pms5003Protocol.WriteCommand(buffer, Pms5003Protocol.ReadPassive, 0);
        Assert.Equal(Convert.FromHexString("424DE200000171"), buffer);
        Pms5003Protocol.WriteCommand(buffer, Pms5003Protocol.SleepWake, 0);
        Assert.Equal(Convert.FromHexString("424DE400000173"), buffer);
        Pms5003Protocol.WriteCommand(buffer, Pms5003Protocol.SleepWake, 1);
        Assert.Equal(Convert.FromHexString("424DE400010174"), buffer);
    }
}
