using System.Buffers;
using System.Text;
using SmartCity.Contracts;
using SmartCity.Edge.Uplink.Outbox;

namespace SmartCity.Edge.Uplink.Tests;

public sealed class DiskOutboxSeqAwareAppendTests : IDisposable
{
    private const string Device = "dev-01";
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Payload_is_written_with_the_seq_the_record_gets_across_reopen()
    {
        var options = new DiskOutboxOptions { Directory = _folder.Path, SegmentBytes = 8192, QuotaBytes = 1 << 20, MaxRecordBytes = 4096 };
        using (var outbox = DiskOutbox.Open(options))
        {
            outbox.Append(Topics.Traffic(Device), Encoding.UTF8.GetBytes("plain")); // seq 1 through the plain overload
            for (var i = 0; i < 40; i++)
            {
                outbox.Append(Topics.Health(Device), i, WriteHealth);
            }

            outbox.Flush();
        }

        using (var reopened = DiskOutbox.Open(options))
        {
            Assert.Equal(42, reopened.Append(Topics.Health(Device), 99, WriteHealth));
            reopened.Flush();
            var records = reopened.ReadFrom(1, maxRecords: 100);
            Assert.Equal(41, records.Count);
            foreach (var record in records)
            {
                Assert.True(WireJson.TryDeserialize(record.Payload.Span, MessageKind.Health, out var payload, out var error), error);
                Assert.Equal(record.Seq, payload.Seq);
                Assert.Equal(Device, payload.Device);
            }
        }
    }

    [Fact]
    public void A_writer_that_throws_appends_nothing_and_the_seq_is_not_used()
    {
        using var outbox = DiskOutbox.Open(new DiskOutboxOptions { Directory = _folder.Path });
        Assert.Throws<InvalidOperationException>(() =>
            outbox.Append<int>(Topics.Health(Device), 0, static (_, _, _) => throw new InvalidOperationException("serializer failed")));
        Assert.Equal(1, outbox.Append(Topics.Health(Device), 1, WriteHealth));
        outbox.Flush();
        Assert.Single(outbox.ReadFrom(0));
    }

    private static void WriteHealth(long seq, int i, IBufferWriter<byte> destination)
    {
        var example = WireExamples.Health(Device, seq) with { Ts = WireExamples.IntervalEnd.AddSeconds(i) };
        Assert.True(WireJson.TrySerialize(example, destination, out _, out var error), error);
    }
}
