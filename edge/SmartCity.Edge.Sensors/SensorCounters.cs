namespace SmartCity.Edge.Sensors;

/// <summary>
/// Running totals of what went wrong (and right) on one sensor since it was opened. Drivers bump the fields
/// with <see cref="Interlocked"/> from the sampling thread while the health reporter reads them.
/// </summary>
public sealed class SensorCounters
{
    internal long _reads;
    internal long _frames;
    internal long _checksumErrors;
    internal long _foreignFrames;
    internal long _garbageBytes;
    internal long _timeouts;
    internal long _busErrors;
    internal long _invalidValues;

    /// <summary>Successful reads.</summary>
    public long Reads => Interlocked.Read(ref _reads);

    /// <summary>Whole frames accepted by the parser (UART sensors).</summary>
    public long Frames => Interlocked.Read(ref _frames);

    /// <summary>Frames whose framing was intact but whose checksum was wrong.</summary>
    public long ChecksumErrors => Interlocked.Read(ref _checksumErrors);

    /// <summary>Valid frames of another sensor type seen on this port.</summary>
    public long ForeignFrames => Interlocked.Read(ref _foreignFrames);

    /// <summary>Bytes skipped while resynchronising to a frame header.</summary>
    public long GarbageBytes => Interlocked.Read(ref _garbageBytes);

    /// <summary>Reads that timed out without a frame.</summary>
    public long Timeouts => Interlocked.Read(ref _timeouts);

    /// <summary>Reads that failed on the bus (I/O exception, device missing).</summary>
    public long BusErrors => Interlocked.Read(ref _busErrors);

    /// <summary>Reads that returned a value the driver rejected (NaN, impossible).</summary>
    public long InvalidValues => Interlocked.Read(ref _invalidValues);

    /// <summary>A copy for a health report (each field is read atomically).</summary>
    public SensorCountersSnapshot Snapshot() =>
        new(Reads, Frames, ChecksumErrors, ForeignFrames, GarbageBytes, Timeouts, BusErrors, InvalidValues);
}
