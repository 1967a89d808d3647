namespace SmartCity.Edge.Uplink.Outbox;

/// <summary>Where the outbox keeps its log and how much disk it may use.</summary>
/// <remarks>
/// Sizing of the default quota (also asserted by <c>OutboxSizingTests</c>): a typical device publishes one traffic
/// and one air summary per minute of at most 4 KiB each plus a ~1 KiB health message, i.e. 3 records and at most
/// 9 KiB of payload per minute. With the per-record overhead (8-byte header, 10-byte seq/topic-length, a ~40-byte
/// topic) that is 9,379 bytes per minute, 12.9 MiB per day and 38.6 MiB for 72 hours. The default 128 MiB quota
/// therefore holds about 239 hours (9.9 days) of worst-case summaries, which leaves room for opt-in crossing events.
/// </remarks>
public sealed class DiskOutboxOptions
{
    /// <summary>Default disk quota: 128 MiB, ≥ 72 h of summaries with a 3× margin (see remarks).</summary>
    public const long DefaultQuotaBytes = 128L * 1024 * 1024;

    /// <summary>Default segment size: 4 MiB, small against the quota so drop-oldest loses little at a time.</summary>
    public const int DefaultSegmentBytes = 4 * 1024 * 1024;

    /// <summary>Folder that holds the segments, the checkpoint and the seq file. Created when missing.</summary>
    public string Directory { get; set; } = "";

    /// <summary>Upper bound of the bytes on disk; when an append would exceed it, whole oldest segments are dropped.</summary>
    public long QuotaBytes { get; set; } = DefaultQuotaBytes;

    /// <summary>A segment is sealed (fsync'd, closed) and a new one started once it would grow past this size.</summary>
    public int SegmentBytes { get; set; } = DefaultSegmentBytes;

    /// <summary>Default replay window: acknowledged records stay on disk for 24 hours (see <see cref="ReplayWindow"/>).</summary>
    public static readonly TimeSpan DefaultReplayWindow = TimeSpan.FromHours(24);

    /// <summary>
    /// How long acknowledged records stay on disk so that the cloud can ask for them again (<c>cmd/resend</c>): a
    /// broker may acknowledge a publish and lose it before persisting it (kill -9), and only the cloud sees the hole
    /// in the seq. A sealed segment whose records are all acknowledged is deleted once it is older than this (by the
    /// time it was sealed); the quota still deletes oldest segments first, acknowledged ones before any pending one,
    /// so the replay window never costs pending data. <see cref="TimeSpan.Zero"/> deletes acknowledged segments at once.
    /// </summary>
    public TimeSpan ReplayWindow { get; set; } = DefaultReplayWindow;

    /// <summary>Clock for the replay window; the system clock by default.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Largest topic + payload accepted by <see cref="DiskOutbox.Append"/>; larger ones are refused.</summary>
    /// <remarks>The wire contract caps payloads at 256 KiB; the rest leaves room for the topic.</remarks>
    public int MaxRecordBytes { get; set; } = 256 * 1024 + 1024;

    /// <summary>Throws <see cref="ArgumentException"/> naming the field that is out of range.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Directory))
        {
            throw new ArgumentException("Outbox option 'Directory' must name a folder.", nameof(Directory));
        }

        if (SegmentBytes < 4096)
        {
            throw new ArgumentException($"Outbox option 'SegmentBytes' is {SegmentBytes}; it must be at least 4096.", nameof(SegmentBytes));
        }

        if (MaxRecordBytes < 64 || MaxRecordBytes > SegmentBytes)
        {
            throw new ArgumentException(
                $"Outbox option 'MaxRecordBytes' is {MaxRecordBytes}; it must be between 64 and SegmentBytes ({SegmentBytes}).",
                nameof(MaxRecordBytes));
        }

        if (ReplayWindow < TimeSpan.Zero)
        {
            throw new ArgumentException($"Outbox option 'ReplayWindow' is {ReplayWindow}; it must not be negative.", nameof(ReplayWindow));
        }

        if (TimeProvider is null)
        {
            throw new ArgumentException("Outbox option 'TimeProvider' must not be null.", nameof(TimeProvider));
        }

        // Drop-oldest works on whole sealed segments, so the quota must hold the active segment and at least a few sealed ones.
        if (QuotaBytes < 4L * SegmentBytes)
        {
            throw new ArgumentException(
                $"Outbox option 'QuotaBytes' is {QuotaBytes}; it must be at least 4 × SegmentBytes ({4L * SegmentBytes}).",
                nameof(QuotaBytes));
        }
    }
}
