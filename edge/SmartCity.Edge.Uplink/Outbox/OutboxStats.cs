namespace SmartCity.Edge.Uplink.Outbox;

/// <summary>A snapshot of the outbox for health reporting.</summary>
/// <param name="PendingRecords">Durable records after the checkpoint, i.e. not yet acknowledged by the broker.</param>
/// <param name="BytesOnDisk">Bytes of all segments, including acknowledged records of the oldest segment not yet deleted.</param>
/// <param name="SegmentCount">Segment files in the folder.</param>
/// <param name="LastSeq">Last sequence number handed out (0 before the first append).</param>
/// <param name="DurableSeq">Last sequence number known to be on disk (fsync'd).</param>
/// <param name="Checkpoint">Last sequence number acknowledged by the broker.</param>
/// <param name="DroppedRecords">Unacknowledged records deleted by the drop-oldest quota policy since open.</param>
/// <param name="DroppedBytes">Bytes of segments deleted by the quota policy since open.</param>
/// <param name="TruncatedRecords">Torn records cut off the log tail at open (at most one per crash).</param>
/// <param name="TruncatedBytes">Bytes cut off the log tail at open.</param>
/// <param name="CorruptRecordsSkipped">Records of sealed segments that failed their CRC when read; the rest of that segment is skipped.</param>
public readonly record struct OutboxStats(
    long PendingRecords,
    long BytesOnDisk,
    int SegmentCount,
    long LastSeq,
    long DurableSeq,
    long Checkpoint,
    long DroppedRecords,
    long DroppedBytes,
    long TruncatedRecords,
    long TruncatedBytes,
    long CorruptRecordsSkipped);
