namespace SmartCity.Cloud.Storage.Rows;

/// <summary>A store's raw answer to an aggregate: one group key (null for dimensions summed over) in one bin.</summary>
internal readonly record struct TrafficGroupSum(string? Device, string? Camera, string? Line, string? Direction, string? Class, int BinIndex, long Sum);

/// <summary>A store's raw health answer for one device in one bin.</summary>
internal readonly record struct HealthBin(string Device, int BinIndex, double? Fps, double? InferenceMs, long? FramesDropped, long? OutboxDepth, double? CpuTemperatureC);

/// <summary>A store's raw queue answer for one approach in one bin.</summary>
internal readonly record struct QueueBin(string Device, string Site, string Camera, string Approach, int BinIndex, double MaxM, double MeanM, int MaxVehicles);

/// <summary>A store's raw speed answer for one line or approach in one bin.</summary>
internal readonly record struct SpeedBin(string Device, string Site, string Camera, string Name, string Where, int BinIndex, double? MeanKmh, double? P85Kmh, int Samples);

/// <summary>A store's raw QA flag answer for one sensor in one bin (flag lists comma-joined, possibly repeated).</summary>
internal readonly record struct AirFlagBin(string Device, string Sensor, int BinIndex, string Flags, int FlaggedSamples);
