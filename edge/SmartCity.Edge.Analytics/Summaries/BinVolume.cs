namespace SmartCity.Edge.Analytics.Summaries;

/// <summary>The volume of one bin for a peak-hour search; null when the bin cannot be used, with the reason.</summary>
/// <param name="Start">Bin start.</param>
/// <param name="Volume">Volume, or null.</param>
/// <param name="Unusable">Why the volume is null (for example "no data").</param>
public readonly record struct BinVolume(DateTimeOffset Start, int? Volume, string? Unusable = null);
