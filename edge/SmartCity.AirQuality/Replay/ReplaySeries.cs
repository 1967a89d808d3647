using SmartCity.AirQuality.Limits;

namespace SmartCity.AirQuality.Replay;

/// <summary>Everything the replay computed for one quantity of one sensor.</summary>
/// <param name="Source">The sensor.</param>
/// <param name="Quantity">The quantity.</param>
/// <param name="SampleCount">Samples read.</param>
/// <param name="OutOfRangeCount">Samples outside the physical range, kept out of the statistics.</param>
/// <param name="NominalInterval">Median spacing of the samples.</param>
/// <param name="FlagCounts">Number of samples carrying each single flag (flag → count); flags no sample carries are absent.</param>
/// <param name="Hours">Hours with at least one sample, in time order.</param>
/// <param name="Days">Days with at least one sample, in time order.</param>
/// <param name="Exceedances">PM only: the limit values' summaries for this series.</param>
/// <param name="Samples">The raw samples in time order with their per-sample flags (for plots and checks).</param>
public sealed record ReplaySeries(
    string Source,
    Quantity Quantity,
    int SampleCount,
    int OutOfRangeCount,
    TimeSpan NominalInterval,
    IReadOnlyDictionary<QualityFlags, int> FlagCounts,
    IReadOnlyList<HourlyResult> Hours,
    IReadOnlyList<DailyResult> Days,
    IReadOnlyList<ExceedanceSummary> Exceedances,
    IReadOnlyList<FlaggedSample> Samples);
