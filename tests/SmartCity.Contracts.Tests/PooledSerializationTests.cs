using Xunit;

namespace SmartCity.Contracts.Tests;

public sealed class PooledSerializationTests
{
    [Fact]
    public void Messages_serialize_back_to_back_into_one_pooled_writer()
    {
        using var writer = new PooledBufferWriter(initialCapacity: 64);
        byte[] expected = WireJson.Serialize(WireExamples.Traffic());

        for (int i = 0; i < 3; i++)
        {
            writer.Clear();
            Assert.True(WireJson.TrySerialize(WireExamples.Traffic(), writer, out int written, out string? error), error);
            Assert.Equal(expected.Length, written);
            Assert.Equal(expected, writer.WrittenSpan.ToArray());
        }

        Assert.True(writer.Capacity >= expected.Length);
    }

    [Fact]
    public void Steady_state_serialization_into_a_pooled_writer_allocates_almost_nothing()
    {
        TrafficSummaryPayload traffic = WireExamples.Traffic();
        using var writer = new PooledBufferWriter();
        Assert.True(WireJson.TrySerialize(traffic, writer, out _, out _));

        const int Messages = 2000;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Messages; i++)
        {
            writer.Clear();
            WireJson.TrySerialize(traffic, writer, out _, out _);
        }

        long perMessage = (GC.GetAllocatedBytesForCurrentThread() - before) / Messages;

        // The message itself is ~1 KB; what remains (160 B measured) is the boxed enumerator of each IReadOnlyList member.
        // A serializer that built strings or arrays per message would allocate more than the message.
        Assert.True(perMessage <= 256, $"{perMessage} bytes allocated per message");
    }

    [Fact]
    public void Writer_grows_keeps_content_and_refuses_overrun()
    {
        using var writer = new PooledBufferWriter(initialCapacity: 16);
        for (int i = 0; i < 100; i++)
        {
            Span<byte> span = writer.GetSpan(7);
            "abcdefg"u8.CopyTo(span);
            writer.Advance(7);
        }

        Assert.Equal(700, writer.WrittenCount);
        Assert.True(writer.WrittenSpan[693..].SequenceEqual("abcdefg"u8));
        Assert.Throws<InvalidOperationException>(() => writer.Advance(writer.Capacity));
    }

    [Fact]
    public void Disposed_writer_refuses_use()
    {
        var writer = new PooledBufferWriter();
        writer.Dispose();
        writer.Dispose();

        Assert.Throws<ObjectDisposedException>(() => writer.GetSpan());
    }
}
