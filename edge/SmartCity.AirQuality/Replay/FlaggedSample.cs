namespace SmartCity.AirQuality.Replay;

/// <summary>A raw sample with the flags the quality checker gave it.</summary>
/// <param name="Time">When it was taken.</param>
/// <param name="Value">The raw value.</param>
/// <param name="Flags">Its quality flags.</param>
public readonly record struct FlaggedSample(DateTimeOffset Time, double Value, QualityFlags Flags);
