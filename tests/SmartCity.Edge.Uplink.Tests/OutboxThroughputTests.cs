using System.Diagnostics;
using SmartCity.Edge.Uplink.Outbox;
using Xunit.Abstractions;

namespace SmartCity.Edge.Uplink.Tests;

/// <summary>Measures append throughput with one fsync per batch and recovery time of a full active segment.
/// The bounds are loose (a shared 2-core CI box); the numbers go to the test output for the report.</summary>
public sealed class OutboxThroughputTests(ITestOutputHelper output) : IDisposable
{
    private const string Topic = "smartcity/v1/intersection-0042/traffic";
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    public void Append_with_fsync_per_batch(int batchSize)
    {
        using var outbox = DiskOutbox.Open(new DiskOutboxOptions { Directory = _folder.Path });
        var payload = new byte[3072];
        var records = batchSize == 1 ? 300 : 10_000;
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < records; i += batchSize)
        {
            for (var j = 0; j < batchSize; j++)
            {
                outbox.Append(Topic, payload);
            }

            outbox.Flush();
        }

        stopwatch.Stop();
        var perSecond = records / stopwatch.Elapsed.TotalSeconds;
        output.WriteLine($"batch {batchSize}: {records} × 3 KiB in {stopwatch.Elapsed.TotalMilliseconds:F0} ms = {perSecond:F0} records/s, {perSecond * 3072 / 1048576:F1} MiB/s");
        Assert.Equal(records, outbox.DurableSeq);
        Assert.True(perSecond > 50, $"{perSecond:F0} records/s");
    }

    [Fact]
    public void Recovery_of_a_full_segment_after_a_crash()
    {
        var crashed = DiskOutbox.Open(new DiskOutboxOptions { Directory = _folder.Path });
        var payload = new byte[3072];
        while (crashed.GetStats().SegmentCount < 3)
        {
            crashed.Append(Topic, payload);
        }

        // Fill the active segment up to just below the roll, then a half-written record, as a kill would leave it.
        var recordBytes = OutboxRecordFormat.RecordBytes(Topic.Length, payload.Length);
        for (var i = 1; i < (DiskOutboxOptions.DefaultSegmentBytes / recordBytes) - 1; i++)
        {
            crashed.Append(Topic, payload);
        }

        crashed.Flush();
        var durable = crashed.DurableSeq;
        GC.KeepAlive(crashed);
        var active = Directory.GetFiles(_folder.Path, "*.seg").Order(StringComparer.Ordinal).Last();
        using (var stream = new FileStream(active, FileMode.Append))
        {
            stream.Write(new byte[] { 0x1A, 0x0C, 0, 0, 1, 2, 3, 4, 5, 6 });
        }

        using var reopened = DiskOutbox.Open(new DiskOutboxOptions { Directory = _folder.Path });
        output.WriteLine($"recovery of {new FileInfo(active).Length >> 10} KiB active segment + {reopened.GetStats().SegmentCount - 1} sealed: {reopened.RecoveryTime.TotalMilliseconds:F1} ms, truncated {reopened.TruncatedBytes} bytes");
        Assert.Equal(durable, reopened.DurableSeq);
        Assert.True(new FileInfo(active).Length > DiskOutboxOptions.DefaultSegmentBytes - (2 * recordBytes));
        Assert.Equal(10, reopened.TruncatedBytes);
        Assert.True(reopened.RecoveryTime < TimeSpan.FromSeconds(5), $"recovery took {reopened.RecoveryTime}");
    }
}
