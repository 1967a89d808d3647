using SmartCity.Contracts;
using SmartCity.Edge.Uplink.Outbox;
using Xunit.Abstractions;

namespace SmartCity.Edge.Uplink.Tests;

/// <summary>The default quota must hold ≥ 72 h of a typical device's summaries (issue target).</summary>
public sealed class OutboxSizingTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Default_quota_holds_72_hours_of_worst_case_summaries()
    {
        // Per minute: one traffic and one air summary of at most 4 KiB each, one health message of ~1 KiB.
        const string device = "intersection-0042";
        int[] payloads = [4096, 4096, 1024];
        string[] topics = [Topics.Traffic(device), Topics.Air(device), Topics.Health(device)];
        long bytesPerMinute = 0;
        for (var i = 0; i < payloads.Length; i++)
        {
            bytesPerMinute += OutboxRecordFormat.RecordBytes(System.Text.Encoding.UTF8.GetByteCount(topics[i]), payloads[i]);
        }

        var bytesPerDay = bytesPerMinute * 60 * 24;
        var hours = DiskOutboxOptions.DefaultQuotaBytes / (double)bytesPerMinute / 60;
        output.WriteLine($"{bytesPerMinute} B/min, {bytesPerDay / 1048576.0:F1} MiB/day, default quota {DiskOutboxOptions.DefaultQuotaBytes >> 20} MiB holds {hours:F0} h");
        // Usable space is the quota minus one segment that drop-oldest may free early.
        var usableHours = (DiskOutboxOptions.DefaultQuotaBytes - DiskOutboxOptions.DefaultSegmentBytes) / (double)bytesPerMinute / 60;
        Assert.True(usableHours >= 72, $"default quota holds only {usableHours:F1} h");
    }

    [Fact]
    public void Seventy_two_hours_offline_fit_the_quota_without_drops()
    {
        // Scaled run: 72 h of minutes at the real record sizes into a quota scaled by the same factor (1/16),
        // so the test takes seconds yet exercises segment rolls and the quota check on every append.
        const int scale = 16;
        const string device = "intersection-0042";
        var options = new DiskOutboxOptions
        {
            Directory = _folder.Path,
            QuotaBytes = DiskOutboxOptions.DefaultQuotaBytes / scale,
            SegmentBytes = DiskOutboxOptions.DefaultSegmentBytes / scale,
            MaxRecordBytes = 8192,
        };
        using var outbox = DiskOutbox.Open(options);
        var summary = new byte[4096];
        var health = new byte[1024];
        for (var minute = 0; minute < 72 * 60 / scale; minute++)
        {
            outbox.Append(Topics.Traffic(device), summary);
            outbox.Append(Topics.Air(device), summary);
            outbox.Append(Topics.Health(device), health);
            outbox.Flush();
        }

        var stats = outbox.GetStats();
        Assert.Equal(0, stats.DroppedRecords);
        Assert.Equal(3 * 72 * 60 / scale, stats.PendingRecords);
        output.WriteLine($"72 h/{scale}: {stats.PendingRecords} records, {stats.BytesOnDisk} bytes of quota {options.QuotaBytes}");
    }
}
