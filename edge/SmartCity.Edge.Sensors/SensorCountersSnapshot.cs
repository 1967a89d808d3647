namespace SmartCity.Edge.Sensors;

/// <summary>A copy of <see cref="SensorCounters"/> taken for a health report.</summary>
public readonly record struct SensorCountersSnapshot(
    long Reads,
    long Frames,
    long ChecksumErrors,
    long ForeignFrames,
    long GarbageBytes,
    long Timeouts,
    long BusErrors,
    long InvalidValues);
