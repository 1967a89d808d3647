using System.Text;
using SmartCity.Edge.Uplink.Outbox;

namespace SmartCity.Edge.Uplink.Tests;

public sealed class DiskOutboxTests : IDisposable
{
    private const string Topic = "smartcity/v1/dev-01/traffic";
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Append_read_acknowledge_round_trip()
    {
        using var outbox = Open();
        for (var i = 1; i <= 5; i++)
        {
            Assert.Equal(i, outbox.Append(Topic, Payload(i)));
        }

        Assert.Empty(outbox.ReadFrom(0)); // appended but not flushed: not durable, not readable
        Assert.Equal(5, outbox.Flush());

        var records = outbox.ReadFrom(0);
        Assert.Equal([1L, 2, 3, 4, 5], records.Select(r => r.Seq));
        Assert.All(records, r => Assert.Equal(Topic, r.Topic));
        Assert.All(records, r => Assert.Equal(Payload(r.Seq), r.Payload.ToArray()));

        outbox.Acknowledge(3);
        Assert.Equal(3, outbox.Checkpoint);
        Assert.Equal([4L, 5], outbox.ReadFrom(outbox.Checkpoint).Select(r => r.Seq));
        Assert.Equal(2, outbox.GetStats().PendingRecords);
        Assert.Throws<ArgumentOutOfRangeException>(() => outbox.Acknowledge(6));
    }

    [Fact]
    public void ReadFrom_pages_in_order_across_segments()
    {
        using var outbox = Open(segmentBytes: 4096, quota: 1 << 20);
        for (var i = 1; i <= 300; i++)
        {
            outbox.Append(Topic, Payload(i));
        }

        outbox.Flush();
        Assert.True(outbox.GetStats().SegmentCount > 3);
        var seen = new List<long>();
        long after = 0;
        while (true)
        {
            var page = outbox.ReadFrom(after, maxRecords: 7);
            if (page.Count == 0)
            {
                break;
            }

            seen.AddRange(page.Select(r => r.Seq));
            after = page[^1].Seq;
        }

        Assert.Equal(Enumerable.Range(1, 300).Select(i => (long)i), seen);
        // Random access (not the cursor) finds the right segment too.
        Assert.Equal(151, outbox.ReadFrom(150, 1)[0].Seq);
    }

    [Fact]
    public void Acknowledge_deletes_fully_acknowledged_segments_only()
    {
        // Without a replay window; OutboxReplayWindowTests covers the kept-for-resend case.
        using var outbox = Open(segmentBytes: 4096, quota: 1 << 20, replayWindow: TimeSpan.Zero);
        for (var i = 1; i <= 200; i++)
        {
            outbox.Append(Topic, Payload(i));
        }

        outbox.Flush();
        var before = outbox.GetStats();
        outbox.Acknowledge(150);
        var after = outbox.GetStats();
        Assert.True(after.SegmentCount < before.SegmentCount);
        Assert.Equal(50, after.PendingRecords);
        Assert.Equal(Enumerable.Range(151, 50).Select(i => (long)i), outbox.ReadFrom(150, 1000).Select(r => r.Seq));
    }

    [Fact]
    public void Restart_recovers_seq_checkpoint_and_pending_records()
    {
        using (var outbox = Open())
        {
            for (var i = 1; i <= 20; i++)
            {
                outbox.Append(Topic, Payload(i));
            }

            outbox.Flush();
            outbox.Acknowledge(12);
        }

        using (var reopened = Open())
        {
            Assert.Equal(12, reopened.Checkpoint);
            Assert.Equal(20, reopened.DurableSeq);
            Assert.Equal(0, reopened.TruncatedRecords);
            Assert.Equal(Enumerable.Range(13, 8).Select(i => (long)i), reopened.ReadFrom(reopened.Checkpoint).Select(r => r.Seq));
            Assert.Equal(21, reopened.AppendDurable(Topic, Payload(21)));
            reopened.Acknowledge(21);
        }

        // Everything acknowledged and the acknowledged segments gone: the seq still does not restart.
        using var third = Open();
        Assert.Equal(22, third.AppendDurable(Topic, Payload(22)));
    }

    [Fact]
    public void Seq_survives_the_segments_being_cleared_after_a_clean_shutdown()
    {
        using (var outbox = Open())
        {
            for (var i = 1; i <= 5; i++)
            {
                outbox.Append(Topic, Payload(i));
            }

            outbox.Flush();
        }

        foreach (var segment in Directory.GetFiles(_folder.Path, "*.seg"))
        {
            File.Delete(segment);
        }

        using var reopened = Open();
        Assert.Equal(6, reopened.AppendDurable(Topic, Payload(6))); // from the seq file
    }

    [Fact]
    public void Torn_last_record_is_truncated_and_counted()
    {
        // No Dispose: a crash, so the seq file is not rewritten on the way out.
        var crashed = Open();
        for (var i = 1; i <= 10; i++)
        {
            crashed.Append(Topic, Payload(i));
        }

        crashed.Flush();
        GC.KeepAlive(crashed);

        var segment = Directory.GetFiles(_folder.Path, "*.seg").Single();
        using (var stream = new FileStream(segment, FileMode.Open))
        {
            stream.SetLength(stream.Length - 5); // a crash in the middle of writing record 10
        }

        using var reopened = Open();
        Assert.Equal(1, reopened.TruncatedRecords);
        Assert.True(reopened.TruncatedBytes > 0);
        var records = reopened.ReadFrom(0, 100);
        Assert.Equal(Enumerable.Range(1, 9).Select(i => (long)i), records.Select(r => r.Seq));
        Assert.All(records, r => Assert.Equal(Payload(r.Seq), r.Payload.ToArray()));
        // Record 10 was never durable, so it was never sent: its seq is reused without a gap.
        Assert.Equal(10, reopened.AppendDurable(Topic, Payload(10)));
    }

    [Fact]
    public void Flipped_byte_fails_the_crc_keeps_records_before_it_and_never_reuses_a_seq()
    {
        var offsets = new List<long>();
        using (var outbox = Open())
        {
            for (var i = 1; i <= 10; i++)
            {
                offsets.Add(new FileInfo(Directory.GetFiles(_folder.Path, "*.seg").Single()).Length);
                outbox.AppendDurable(Topic, Payload(i));
            }
        }

        var segment = Directory.GetFiles(_folder.Path, "*.seg").Single();
        var bytes = File.ReadAllBytes(segment);
        bytes[offsets[6] + 30] ^= 0x40; // inside record 7's topic/payload
        File.WriteAllBytes(segment, bytes);

        using var reopened = Open();
        Assert.Equal(1, reopened.TruncatedRecords);
        Assert.Equal(bytes.Length - offsets[6], reopened.TruncatedBytes);
        Assert.Equal(Enumerable.Range(1, 6).Select(i => (long)i), reopened.ReadFrom(0, 100).Select(r => r.Seq));
        Assert.True(reopened.AppendDurable(Topic, Payload(11)) > 10);
    }

    [Fact]
    public void Garbage_tail_of_zeros_after_power_loss_is_truncated()
    {
        using (var outbox = Open())
        {
            outbox.AppendDurable(Topic, Payload(1));
        }

        var segment = Directory.GetFiles(_folder.Path, "*.seg").Single();
        using (var stream = new FileStream(segment, FileMode.Append))
        {
            stream.Write(new byte[4096]);
        }

        using var reopened = Open();
        Assert.Equal(4096, reopened.TruncatedBytes);
        Assert.Equal(2, reopened.AppendDurable(Topic, Payload(2)));
    }

    [Fact]
    public void Corrupt_checkpoint_falls_back_to_resending_everything()
    {
        using (var outbox = Open())
        {
            outbox.AppendDurable(Topic, Payload(1));
            outbox.AppendDurable(Topic, Payload(2));
            outbox.Acknowledge(1);
        }

        File.WriteAllBytes(Path.Combine(_folder.Path, "checkpoint"), [1, 2, 3]);
        using var reopened = Open();
        Assert.Equal(0, reopened.Checkpoint);
        Assert.Equal([1L, 2], reopened.ReadFrom(0).Select(r => r.Seq));
    }

    [Fact]
    public void Quota_drops_whole_oldest_segments_and_counts_them()
    {
        const int segmentBytes = 4096;
        using var outbox = Open(segmentBytes: segmentBytes, quota: 4 * segmentBytes);
        var payload = new byte[500];
        for (var i = 1; i <= 200; i++)
        {
            outbox.Append(Topic, payload);
        }

        outbox.Flush();
        var stats = outbox.GetStats();
        Assert.True(stats.BytesOnDisk <= 4 * segmentBytes, $"{stats.BytesOnDisk} bytes on disk");
        Assert.True(stats.DroppedRecords > 0);
        var remaining = outbox.ReadFrom(0, 1000);
        // Every record is either still there or counted as dropped; the newest survive, in order.
        Assert.Equal(200, remaining.Count + stats.DroppedRecords);
        Assert.Equal(200, remaining[^1].Seq);
        Assert.Equal(Enumerable.Range((int)remaining[0].Seq, remaining.Count).Select(i => (long)i), remaining.Select(r => r.Seq));
        Assert.Equal(remaining.Count, stats.PendingRecords);
    }

    [Fact]
    public void Records_above_the_size_limit_are_refused_with_the_topic_in_the_message()
    {
        using var outbox = Open();
        var ex = Assert.Throws<ArgumentException>(() => outbox.Append(Topic, new byte[300 * 1024]));
        Assert.Contains(Topic, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_are_validated_with_the_field_name()
    {
        var ex = Assert.Throws<ArgumentException>(() => DiskOutbox.Open(new DiskOutboxOptions { Directory = _folder.Path, QuotaBytes = 1000 }));
        Assert.Contains("QuotaBytes", ex.Message, StringComparison.Ordinal);
        ex = Assert.Throws<ArgumentException>(() => DiskOutbox.Open(new DiskOutboxOptions()));
        Assert.Contains("Directory", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WaitForRecords_completes_on_flush()
    {
        using var outbox = Open();
        var wait = outbox.WaitForRecordsAsync(0, CancellationToken.None);
        outbox.Append(Topic, Payload(1));
        Assert.False(wait.IsCompleted);
        outbox.Flush();
        await wait.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Crc32C_matches_the_standard_check_value()
    {
        Assert.Equal(0xE3069283u, Crc32C.Compute("123456789"u8));
        Assert.Equal(Crc32C.Compute("123456789"u8), Crc32C.Append(Crc32C.Compute("1234"u8), "56789"u8));
    }

    internal static byte[] Payload(long seq) => Encoding.UTF8.GetBytes($"{{\"seq\":{seq}}}");

    private DiskOutbox Open(int segmentBytes = DiskOutboxOptions.DefaultSegmentBytes, long quota = DiskOutboxOptions.DefaultQuotaBytes, TimeSpan? replayWindow = null) =>
        DiskOutbox.Open(new DiskOutboxOptions
        {
            Directory = _folder.Path,
            SegmentBytes = segmentBytes,
            QuotaBytes = quota,
            MaxRecordBytes = Math.Min(segmentBytes, 256 * 1024 + 1024),
            ReplayWindow = replayWindow ?? DiskOutboxOptions.DefaultReplayWindow,
        });
}
