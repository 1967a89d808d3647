using System.Buffers;
using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SmartCity.Contracts;

namespace SmartCity.Edge.Uplink.Outbox;

/// <summary>
/// Disk-backed store-and-forward queue of one device: an append-only log of CRC-checked records in size-bounded
/// segment files, a checkpoint of the last seq the broker acknowledged, and a seq high-water mark.
/// </summary>
/// <remarks>
/// Follows Azure IoT Edge's sequential store + checkpointer: <see cref="Append"/> hands out a monotonic seq, the
/// publisher reads from the checkpoint with <see cref="ReadFrom"/> and moves it with <see cref="Acknowledge"/> only
/// after the broker's PUBACK. Records become durable per batch on <see cref="Flush"/> (one fsync for the batch).
/// Nothing but the current write buffer is held in memory, however long the device is offline. Recovery scans only
/// the active segment: sealed segments were fsync'd before they were sealed, so a crash can only tear the tail.
/// Thread-safe: one producer and one publisher may call concurrently.
/// </remarks>
public sealed class DiskOutbox : IDisposable
{
    private const string CheckpointFileName = "checkpoint";
    private const string SeqFileName = "seq";
    private const int WriteBufferBytes = 64 * 1024;

    private readonly Lock _lock = new();
    private readonly DiskOutboxOptions _options;
    private readonly ILogger _logger;
    private readonly string _directory;
    private readonly List<OutboxSegment> _segments;
    private readonly HashSet<(long Segment, long Offset)> _reportedCorruption = [];
    private FileStream _active;
    private long _lastSeq;
    private long _durableSeq;
    private long _durableLength;
    private long _checkpoint;
    private long _totalBytes;
    private long _droppedRecords;
    private long _droppedBytes;
    private long _corruptRecordsSkipped;
    private (long AfterSeq, long SegmentFirstSeq, long Offset) _readCursor = (-1, -1, 0);
    private TaskCompletionSource _durableSignal = NewSignal();
    private PooledBufferWriter? _payloadWriter;
    private bool _disposed;

    private DiskOutbox(DiskOutboxOptions options, ILogger logger, List<OutboxSegment> segments, FileStream active,
        long lastSeq, long checkpoint, long truncatedRecords, long truncatedBytes, TimeSpan recoveryTime)
    {
        _options = options;
        _logger = logger;
        _directory = options.Directory;
        _segments = segments;
        _active = active;
        _lastSeq = lastSeq;
        _durableSeq = lastSeq;
        _durableLength = segments[^1].Length;
        _checkpoint = checkpoint;
        TruncatedRecords = truncatedRecords;
        TruncatedBytes = truncatedBytes;
        RecoveryTime = recoveryTime;
        foreach (var segment in segments)
        {
            _totalBytes += segment.Length;
        }
    }

    /// <summary>Torn or corrupt records cut off the log tail when this outbox was opened.</summary>
    public long TruncatedRecords { get; }

    /// <summary>Bytes cut off the log tail when this outbox was opened.</summary>
    public long TruncatedBytes { get; }

    /// <summary>Time <see cref="Open"/> took to recover the log.</summary>
    public TimeSpan RecoveryTime { get; }

    /// <summary>Last seq acknowledged by the broker (0 when none).</summary>
    public long Checkpoint
    {
        get
        {
            lock (_lock)
            {
                return _checkpoint;
            }
        }
    }

    /// <summary>Last seq known to be on disk.</summary>
    public long DurableSeq
    {
        get
        {
            lock (_lock)
            {
                return _durableSeq;
            }
        }
    }

    /// <summary>Opens (or creates) the outbox in <see cref="DiskOutboxOptions.Directory"/> and recovers it after a crash:
    /// a torn last record is truncated, counted and logged; the seq continues after the highest one ever handed out.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    /// <exception cref="IOException">The folder cannot be read or written.</exception>
    public static DiskOutbox Open(DiskOutboxOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        logger ??= NullLogger.Instance;
        var stopwatch = Stopwatch.StartNew();
        var directory = options.Directory;
        Directory.CreateDirectory(directory);
        foreach (var temp in Directory.EnumerateFiles(directory, "*.tmp"))
        {
            File.Delete(temp);
        }

        var checkpoint = ReadStateFile(logger, Path.Combine(directory, CheckpointFileName), 0);
        var seqFloor = ReadStateFile(logger, Path.Combine(directory, SeqFileName), 1);
        var segments = new List<OutboxSegment>();
        foreach (var file in Directory.EnumerateFiles(directory))
        {
            if (OutboxSegment.TryParseFileName(Path.GetFileName(file), out var firstSeq))
            {
                var info = new FileInfo(file);
                segments.Add(new OutboxSegment(firstSeq, file, info.Length, info.LastWriteTimeUtc));
            }
        }

        segments.Sort(static (a, b) => a.FirstSeq.CompareTo(b.FirstSeq));
        long truncatedRecords = 0, truncatedBytes = 0, lastSeq;
        if (segments.Count == 0)
        {
            var first = Math.Max(Math.Max(seqFloor, checkpoint + 1), 1);
            var path = Path.Combine(directory, OutboxSegment.FileName(first));
            File.WriteAllBytes(path, []);
            DirectorySync.Flush(directory);
            segments.Add(new OutboxSegment(first, path, 0, options.TimeProvider.GetUtcNow()));
            lastSeq = first - 1;
        }
        else
        {
            var tail = segments[^1];
            lastSeq = RecoverTail(logger, tail, options.MaxRecordBytes, out var cut, out var corrupt);
            if (cut > 0)
            {
                truncatedRecords = 1;
                truncatedBytes = cut;
            }

            if (corrupt)
            {
                // A complete record failed its check: it was written, maybe fsync'd and even published before the
                // medium corrupted it. Skip every seq the cut bytes could have held so none is ever reused; the cloud
                // reports the gap. A merely torn record (partial, never durable) needs no skip: it was never sent.
                lastSeq += cut / OutboxRecordFormat.RecordBytes(1, 0);
            }
        }

        // The seq never goes back: not below the seq file (written at every roll) nor below an acknowledged seq.
        lastSeq = Math.Max(lastSeq, Math.Max(seqFloor - 1, checkpoint));
        var active = new FileStream(segments[^1].Path, FileMode.Open, FileAccess.Write, FileShare.Read, WriteBufferBytes);
        active.Seek(0, SeekOrigin.End);
        DurableFile.WriteInt64(Path.Combine(directory, SeqFileName), lastSeq + 1);
        var outbox = new DiskOutbox(options, logger, segments, active, lastSeq, checkpoint, truncatedRecords, truncatedBytes, stopwatch.Elapsed);
        OutboxLog.Opened(logger, directory, lastSeq, checkpoint, segments.Count, outbox._totalBytes, stopwatch.Elapsed.TotalMilliseconds);
        return outbox;
    }

    /// <summary>Appends a record to the write buffer and returns its seq. It is durable only after the next
    /// <see cref="Flush"/>; append a batch, then flush once. When the quota would be exceeded, whole oldest
    /// segments are dropped first (counted in <see cref="OutboxStats.DroppedRecords"/>).</summary>
    /// <exception cref="ArgumentException">The topic is empty or topic + payload exceed <see cref="DiskOutboxOptions.MaxRecordBytes"/>.</exception>
    public long Append(string topic, ReadOnlySpan<byte> payload)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        var topicBytes = Encoding.UTF8.GetByteCount(topic);
        if (topicBytes > ushort.MaxValue || topicBytes + payload.Length > _options.MaxRecordBytes)
        {
            throw new ArgumentException(
                $"Outbox record for topic '{topic}' is {topicBytes + payload.Length} bytes; the limit is {_options.MaxRecordBytes}.",
                nameof(payload));
        }

        var size = OutboxRecordFormat.RecordBytes(topicBytes, payload.Length);
        var buffer = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            lock (_lock)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                var active = _segments[^1];
                if (active.Length > 0 && active.Length + size > _options.SegmentBytes)
                {
                    RollSegment();
                    active = _segments[^1];
                }

                EnforceQuota(size);
                var seq = _lastSeq + 1;
                OutboxRecordFormat.Write(buffer.AsSpan(0, size), seq, topic, topicBytes, payload);
                _active.Write(buffer, 0, size);
                _lastSeq = seq;
                active.Length += size;
                _totalBytes += size;
                return seq;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Appends a record whose payload must carry its own seq (a wire payload's <c>seq</c> field): under the outbox lock,
    /// <paramref name="writePayload"/> is called with the seq this record will get and writes the payload into a pooled
    /// buffer; the record is appended with exactly that seq. Returns the seq. Same durability and quota rules as
    /// <see cref="Append(string, ReadOnlySpan{byte})"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The topic is empty or the written record exceeds <see cref="DiskOutboxOptions.MaxRecordBytes"/>.</exception>
    public long Append<TState>(string topic, TState state, OutboxPayloadWriter<TState> writePayload)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentNullException.ThrowIfNull(writePayload);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var writer = _payloadWriter ??= new PooledBufferWriter(1024);
            writer.Clear();
            var expected = _lastSeq + 1;
            writePayload(expected, state, writer);

            // The lock is re-entrant, so no other append can take the seq between the call above and this one.
            var seq = Append(topic, writer.WrittenSpan);
            Debug.Assert(seq == expected, "the seq handed to the payload writer is the record's seq");
            writer.Clear();
            return seq;
        }
    }

    /// <summary>Appends one record and makes it durable at once (one fsync).</summary>
    public long AppendDurable(string topic, ReadOnlySpan<byte> payload)
    {
        var seq = Append(topic, payload);
        Flush();
        return seq;
    }

    /// <summary>Writes the batch appended since the last flush to disk and fsyncs it; returns the durable seq.</summary>
    public long Flush()
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_durableSeq != _lastSeq || _durableLength != _segments[^1].Length)
            {
                _active.Flush(flushToDisk: true);
                MarkDurable();
            }

            return _durableSeq;
        }
    }

    /// <summary>Completes when a durable record with a seq above <paramref name="afterSeq"/> exists.</summary>
    public Task WaitForRecordsAsync(long afterSeq, CancellationToken cancellationToken)
    {
        Task signal;
        lock (_lock)
        {
            if (_durableSeq > afterSeq || _disposed)
            {
                return Task.CompletedTask;
            }

            signal = _durableSignal.Task;
        }

        return signal.WaitAsync(cancellationToken);
    }

    /// <summary>Reads up to <paramref name="maxRecords"/> durable records with a seq above <paramref name="afterSeq"/>,
    /// in seq order. Seqs dropped by the quota are simply absent. Sequential reads resume where the last one ended.</summary>
    public IReadOnlyList<OutboxRecord> ReadFrom(long afterSeq, int maxRecords = 256, int maxBytes = 1024 * 1024) =>
        ReadFromCore(afterSeq, maxRecords, maxBytes, moveCursor: true);

    /// <summary>Reads up to <paramref name="maxRecords"/> durable records with <paramref name="from"/> ≤ seq ≤
    /// <paramref name="to"/>, in seq order, acknowledged or not: acknowledged records stay readable for the replay
    /// window (<see cref="DiskOutboxOptions.ReplayWindow"/>). Seqs no longer on disk are absent. Leaves the
    /// publisher's sequential read position alone.</summary>
    public IReadOnlyList<OutboxRecord> ReadRange(long from, long to, int maxRecords = 256, int maxBytes = 1024 * 1024)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRecords, 1);
        if (to < from)
        {
            return [];
        }

        var records = ReadFromCore(Math.Max(from, 1) - 1, maxRecords, maxBytes, moveCursor: false);
        if (records.Count > 0 && records[^1].Seq > to)
        {
            var within = new List<OutboxRecord>(records.Count);
            foreach (var record in records)
            {
                if (record.Seq <= to)
                {
                    within.Add(record);
                }
            }

            return within;
        }

        return records;
    }

    private List<OutboxRecord> ReadFromCore(long afterSeq, int maxRecords, int maxBytes, bool moveCursor)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRecords, 1);
        OutboxSegment[] segments;
        long durableSeq, durableLength;
        (long AfterSeq, long SegmentFirstSeq, long Offset) cursor;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            segments = [.. _segments];
            durableSeq = _durableSeq;
            durableLength = _durableLength;
            cursor = _readCursor;
        }

        var records = new List<OutboxRecord>(Math.Min(maxRecords, 64));
        if (afterSeq >= durableSeq)
        {
            return records;
        }

        var index = 0;
        long offset = 0;
        for (var i = segments.Length - 1; i >= 0; i--)
        {
            if (cursor.AfterSeq == afterSeq && segments[i].FirstSeq == cursor.SegmentFirstSeq)
            {
                (index, offset) = (i, cursor.Offset);
                break;
            }

            if (cursor.AfterSeq != afterSeq && segments[i].FirstSeq <= afterSeq + 1)
            {
                index = i;
                break;
            }
        }

        var bytes = 0;
        var lastSeq = afterSeq;
        long cursorSegment = -1, cursorOffset = 0;
        for (; index < segments.Length; index++, offset = 0)
        {
            var segment = segments[index];
            var limit = index == segments.Length - 1 ? durableLength : segment.Length;
            var end = ReadSegment(segment, offset, limit, afterSeq, durableSeq, records, maxRecords, maxBytes, ref bytes, ref lastSeq);
            (cursorSegment, cursorOffset) = (segment.FirstSeq, end);
            if (records.Count >= maxRecords || bytes >= maxBytes)
            {
                break;
            }
        }

        if (records.Count > 0 && moveCursor)
        {
            lock (_lock)
            {
                _readCursor = (lastSeq, cursorSegment, cursorOffset);
            }
        }

        return records;
    }

    /// <summary>Moves the checkpoint to <paramref name="seq"/> (atomically, durably) and deletes segments that hold
    /// only acknowledged records. Call only after the broker acknowledged every record up to <paramref name="seq"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="seq"/> is above the durable seq.</exception>
    public void Acknowledge(long seq)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (seq <= _checkpoint)
            {
                return;
            }

            ArgumentOutOfRangeException.ThrowIfGreaterThan(seq, _durableSeq);
            DurableFile.WriteInt64(Path.Combine(_directory, CheckpointFileName), seq);
            _checkpoint = seq;
            DeleteExpiredAcknowledgedSegments();
        }
    }

    /// <summary>Counters and depth for health reporting.</summary>
    public OutboxStats GetStats()
    {
        lock (_lock)
        {
            var acknowledgedOrGone = Math.Max(_checkpoint, _segments[0].FirstSeq - 1);
            return new OutboxStats(
                Math.Max(0, _durableSeq - acknowledgedOrGone),
                _totalBytes,
                _segments.Count,
                _lastSeq,
                _durableSeq,
                _checkpoint,
                _droppedRecords,
                _droppedBytes,
                TruncatedRecords,
                TruncatedBytes,
                _corruptRecordsSkipped);
        }
    }

    /// <summary>Flushes the pending batch to disk and closes the active segment.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _active.Flush(flushToDisk: true);
            MarkDurable();
            _active.Dispose();
            _payloadWriter?.Dispose();
            _payloadWriter = null;
            // The log itself carries the seq across a crash (the active segment is never deleted); the seq file
            // carries it even when an operator clears the segments after a clean shutdown.
            DurableFile.WriteInt64(Path.Combine(_directory, SeqFileName), _lastSeq + 1);
            _disposed = true;
            _durableSignal.TrySetResult();
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static long ReadStateFile(ILogger logger, string path, long fallback)
    {
        switch (DurableFile.TryReadInt64(path, out var value))
        {
            case StateFileRead.Ok:
                return value;
            case StateFileRead.Corrupt:
                // A corrupt checkpoint means re-sending from the start of the log: duplicates, which the cloud drops by seq.
                OutboxLog.StateFileCorrupt(logger, path, fallback);
                return fallback;
            default:
                return fallback;
        }
    }

    /// <summary>Validates every record of the tail segment, truncates at the first torn or corrupt one and returns
    /// the last valid seq (<c>FirstSeq - 1</c> when none).</summary>
    private static long RecoverTail(ILogger logger, OutboxSegment tail, int maxRecordBytes, out long cutBytes, out bool corrupt)
    {
        cutBytes = 0;
        corrupt = false;
        var lastSeq = tail.FirstSeq - 1;
        using var stream = new FileStream(tail.Path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read, WriteBufferBytes);
        var length = stream.Length;
        long offset = 0;
        Span<byte> header = stackalloc byte[OutboxRecordFormat.HeaderBytes];
        var body = ArrayPool<byte>.Shared.Rent(maxRecordBytes + OutboxRecordFormat.BodyPrefixBytes);
        string? reason = null;
        try
        {
            while (offset < length)
            {
                if (length - offset < header.Length)
                {
                    reason = "partial header";
                    break;
                }

                stream.ReadExactly(header);
                var maxBody = maxRecordBytes + OutboxRecordFormat.BodyPrefixBytes;
                if (!OutboxRecordFormat.TryReadHeader(header, maxBody, out var bodyBytes, out var crc))
                {
                    reason = "bad length";
                    // Zeros are what a power loss leaves in a block allocated but never written: torn, not corrupt.
                    corrupt = header.ContainsAnyExcept((byte)0);
                    break;
                }

                if (length - offset - header.Length < bodyBytes)
                {
                    reason = "partial body";
                    break;
                }

                var span = body.AsSpan(0, bodyBytes);
                stream.ReadExactly(span);
                if (!OutboxRecordFormat.IsValid(header, span, crc))
                {
                    reason = "CRC mismatch";
                    corrupt = true;
                    break;
                }

                var seq = OutboxRecordFormat.ReadSeq(span);
                if (seq <= lastSeq)
                {
                    reason = "seq out of order";
                    corrupt = true;
                    break;
                }

                lastSeq = seq;
                offset += header.Length + bodyBytes;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(body);
        }

        if (reason is not null)
        {
            cutBytes = length - offset;
            stream.SetLength(offset);
            stream.Flush(flushToDisk: true);
            tail.Length = offset;
            OutboxLog.TailTruncated(logger, tail.Path, offset, cutBytes, reason);
        }

        return lastSeq;
    }

    private long ReadSegment(OutboxSegment segment, long offset, long limit, long afterSeq, long durableSeq,
        List<OutboxRecord> records, int maxRecords, int maxBytes, ref int bytes, ref long lastSeq)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(segment.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, WriteBufferBytes);
        }
        catch (FileNotFoundException)
        {
            // Dropped by the quota or deleted after an acknowledgement since the snapshot: nothing to send from it.
            return 0;
        }

        using (stream)
        {
            stream.Position = offset;
            Span<byte> header = stackalloc byte[OutboxRecordFormat.HeaderBytes];
            var maxBody = _options.MaxRecordBytes + OutboxRecordFormat.BodyPrefixBytes;
            while (offset + header.Length <= limit && records.Count < maxRecords && bytes < maxBytes)
            {
                stream.ReadExactly(header);
                if (!OutboxRecordFormat.TryReadHeader(header, maxBody, out var bodyBytes, out var crc)
                    || offset + header.Length + bodyBytes > limit)
                {
                    ReportCorruption(segment, offset);
                    return limit;
                }

                var body = new byte[bodyBytes];
                stream.ReadExactly(body);
                if (!OutboxRecordFormat.IsValid(header, body, crc))
                {
                    ReportCorruption(segment, offset);
                    return limit;
                }

                var seq = OutboxRecordFormat.ReadSeq(body);
                if (seq > durableSeq)
                {
                    return offset;
                }

                offset += header.Length + bodyBytes;
                if (seq <= afterSeq)
                {
                    continue;
                }

                records.Add(OutboxRecordFormat.Decode(body, bodyBytes));
                bytes += bodyBytes;
                lastSeq = seq;
            }

            return offset;
        }
    }

    private void ReportCorruption(OutboxSegment segment, long offset)
    {
        lock (_lock)
        {
            // The publisher re-reads after every reconnect: count and log each bad spot once.
            if (_reportedCorruption.Add((segment.FirstSeq, offset)))
            {
                _corruptRecordsSkipped++;
                OutboxLog.CorruptRecordSkipped(_logger, segment.Path, offset);
            }
        }
    }

    private void MarkDurable()
    {
        _durableSeq = _lastSeq;
        _durableLength = _segments[^1].Length;
        var signal = _durableSignal;
        _durableSignal = NewSignal();
        signal.TrySetResult();
    }

    /// <summary>Seals the active segment (fsync) and starts a new one named after the next seq.</summary>
    private void RollSegment()
    {
        _active.Flush(flushToDisk: true);
        MarkDurable();
        _active.Dispose();
        var first = _lastSeq + 1;
        var path = Path.Combine(_directory, OutboxSegment.FileName(first));
        _active = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, WriteBufferBytes);
        var now = _options.TimeProvider.GetUtcNow();
        _segments[^1].LastWrite = now;
        _segments.Add(new OutboxSegment(first, path, 0, now));
        _durableLength = 0;
        DirectorySync.Flush(_directory);
        DurableFile.WriteInt64(Path.Combine(_directory, SeqFileName), first);
        DeleteExpiredAcknowledgedSegments();
    }

    private void EnforceQuota(int incomingBytes)
    {
        while (_totalBytes + incomingBytes > _options.QuotaBytes && _segments.Count > 1)
        {
            var oldest = _segments[0];
            var unacknowledged = Math.Max(0, _segments[1].FirstSeq - Math.Max(oldest.FirstSeq, _checkpoint + 1));
            _droppedRecords += unacknowledged;
            _droppedBytes += oldest.Length;
            OutboxLog.SegmentDropped(_logger, _options.QuotaBytes, oldest.Path, unacknowledged, oldest.Length);
            DeleteOldestSegment();
        }
    }

    /// <summary>Deletes sealed segments whose records are all acknowledged and whose replay window has passed.</summary>
    private void DeleteExpiredAcknowledgedSegments()
    {
        var expiredBefore = _options.TimeProvider.GetUtcNow() - _options.ReplayWindow;
        while (_segments.Count > 1 && _segments[1].FirstSeq - 1 <= _checkpoint
            && (_options.ReplayWindow == TimeSpan.Zero || _segments[0].LastWrite <= expiredBefore))
        {
            DeleteOldestSegment();
        }
    }

    private void DeleteOldestSegment()
    {
        var oldest = _segments[0];
        _segments.RemoveAt(0);
        _totalBytes -= oldest.Length;
        File.Delete(oldest.Path);
    }
}
