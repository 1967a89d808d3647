using Microsoft.Extensions.Logging;

namespace SmartCity.Edge.Uplink.Outbox;

/// <summary>Source-generated log messages of the outbox (event ids 4100–4119).</summary>
internal static partial class OutboxLog
{
    [LoggerMessage(4100, LogLevel.Information, "Outbox {Directory} opened: seq {LastSeq}, checkpoint {Checkpoint}, {Segments} segments, {Bytes} bytes, recovered in {ElapsedMs} ms")]
    public static partial void Opened(ILogger logger, string directory, long lastSeq, long checkpoint, int segments, long bytes, double elapsedMs);

    [LoggerMessage(4101, LogLevel.Warning, "Outbox segment {Segment}: torn or corrupt record at offset {Offset}; truncated {Bytes} bytes ({Reason})")]
    public static partial void TailTruncated(ILogger logger, string segment, long offset, long bytes, string reason);

    [LoggerMessage(4102, LogLevel.Warning, "Outbox quota {QuotaBytes} bytes reached: dropped segment {Segment} with {Records} unacknowledged records ({Bytes} bytes)")]
    public static partial void SegmentDropped(ILogger logger, long quotaBytes, string segment, long records, long bytes);

    [LoggerMessage(4103, LogLevel.Error, "Outbox segment {Segment}: record at offset {Offset} fails its CRC; skipping the rest of the segment")]
    public static partial void CorruptRecordSkipped(ILogger logger, string segment, long offset);

    [LoggerMessage(4104, LogLevel.Warning, "Outbox state file {File} is corrupt; using {Fallback}")]
    public static partial void StateFileCorrupt(ILogger logger, string file, long fallback);
}
