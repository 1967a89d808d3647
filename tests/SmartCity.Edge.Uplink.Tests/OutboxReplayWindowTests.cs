using SmartCity.Edge.Uplink.Outbox;

namespace SmartCity.Edge.Uplink.Tests;

/// <summary>Acknowledged records stay readable for the replay window, so the cloud can ask for them again.</summary>
public sealed class OutboxReplayWindowTests : IDisposable
{
    private const string Topic = "smartcity/v1/dev-replay/traffic";
    private readonly TempFolder _folder = new();
    private readonly ManualClock _clock = new(new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero));

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Acknowledged_segments_stay_readable_within_the_window_and_are_deleted_after_it()
    {
        using var outbox = Open(quota: 1 << 20);
        Append(outbox, 600);
        var before = outbox.GetStats();
        Assert.True(before.SegmentCount > 3, $"{before.SegmentCount} segments");

        outbox.Acknowledge(450);
        var after = outbox.GetStats();
        Assert.Equal(before.SegmentCount, after.SegmentCount);
        Assert.Equal(150, after.PendingRecords);
        Assert.Equal(Enumerable.Range(10, 11).Select(i => (long)i), outbox.ReadRange(10, 20).Select(r => r.Seq));
        // The publisher still reads from the checkpoint only.
        Assert.Equal(451, outbox.ReadFrom(450, 1)[0].Seq);

        _clock.Advance(DiskOutboxOptions.DefaultReplayWindow + TimeSpan.FromMinutes(1));
        outbox.Acknowledge(460);
        Assert.True(outbox.GetStats().SegmentCount < before.SegmentCount);
        Assert.Empty(outbox.ReadRange(10, 20));
        Assert.Equal(140, outbox.GetStats().PendingRecords);
        Assert.Equal(461, outbox.ReadFrom(460, 1)[0].Seq);
    }

    [Fact]
    public void Quota_pressure_deletes_acknowledged_segments_first_and_does_not_count_them_as_dropped()
    {
        const int segmentBytes = 4096;
        using var outbox = Open(quota: 4 * segmentBytes);
        Append(outbox, 200);
        outbox.Acknowledge(200);
        // More than the quota holds in total, but less than it holds unacknowledged.
        Append(outbox, 200);
        var stats = outbox.GetStats();
        Assert.True(stats.BytesOnDisk <= 4 * segmentBytes);
        Assert.Equal(0, stats.DroppedRecords);
        Assert.Equal(200, stats.PendingRecords);
        Assert.Empty(outbox.ReadRange(1, 1));
        Assert.Equal(Enumerable.Range(201, 200).Select(i => (long)i), outbox.ReadFrom(200, 1000).Select(r => r.Seq));
    }

    [Fact]
    public void ReadRange_returns_only_the_range_and_leaves_the_sequential_read_position_alone()
    {
        using var outbox = Open(quota: 1 << 20);
        Append(outbox, 100);
        Assert.Equal(Enumerable.Range(1, 30).Select(i => (long)i), outbox.ReadFrom(0, 30).Select(r => r.Seq));
        Assert.Equal([40L, 41, 42], outbox.ReadRange(40, 42).Select(r => r.Seq));
        Assert.Equal([99L, 100], outbox.ReadRange(99, 500).Select(r => r.Seq));
        Assert.Empty(outbox.ReadRange(50, 49));
        Assert.Equal(31, outbox.ReadFrom(30, 1)[0].Seq);
        Assert.Equal(DiskOutboxTests.Payload(41), outbox.ReadRange(41, 41)[0].Payload.ToArray());
    }

    [Fact]
    public void A_negative_replay_window_is_refused_with_its_name()
    {
        var ex = Assert.Throws<ArgumentException>(() => DiskOutbox.Open(new DiskOutboxOptions { Directory = _folder.Path, ReplayWindow = TimeSpan.FromSeconds(-1) }));
        Assert.Contains("ReplayWindow", ex.Message, StringComparison.Ordinal);
    }

    private static void Append(DiskOutbox outbox, int count)
    {
        var first = outbox.GetStats().LastSeq + 1;
        for (var i = 0; i < count; i++)
        {
            outbox.Append(Topic, DiskOutboxTests.Payload(first + i));
        }

        outbox.Flush();
    }

    private DiskOutbox Open(long quota) => DiskOutbox.Open(new DiskOutboxOptions
    {
        Directory = _folder.Path,
        SegmentBytes = 4096,
        QuotaBytes = quota,
        MaxRecordBytes = 4096,
        TimeProvider = _clock,
    });
}
