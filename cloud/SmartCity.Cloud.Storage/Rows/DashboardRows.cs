namespace SmartCity.Cloud.Storage.Rows;

/// <summary>One camera's health in one health interval (camera "" and null figures for a device without cameras).</summary>
internal readonly record struct HealthRow(
    long Seq, string Device, string Site, string Camera, DateTime StartUtc, DateTime TsUtc, double? Fps, double? InferenceMsMean, double? InferenceMsP95,
    long FramesDropped, long OutboxDepth, long OutboxDropped, double? CpuTemperatureC, long UptimeS, string AgentVersion, string? ModelVersion);

/// <summary>One approach's queue in one traffic interval.</summary>
internal readonly record struct QueueRow(long Seq, string Device, string Site, string Camera, DateTime StartUtc, string Approach, int MaxVehicles, double MaxM, double MeanM);

/// <summary>Speeds at one line or approach in one traffic interval.</summary>
internal readonly record struct SpeedRow(long Seq, string Device, string Site, string Camera, DateTime StartUtc, string Name, string Where, int Samples, double? MeanKmh, double? P85Kmh);

/// <summary>The QA flags of one air quantity of one sensor in one interval (only written when there are flags).</summary>
internal readonly record struct AirFlagRow(long Seq, string Device, string Site, string Sensor, DateTime StartUtc, string Quantity, string Flags, int FlaggedSamples);
