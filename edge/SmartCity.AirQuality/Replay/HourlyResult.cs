using SmartCity.AirQuality.Indices;

namespace SmartCity.AirQuality.Replay;

/// <summary>One clock hour of one series.</summary>
/// <param name="HourStart">Start of the hour, UTC.</param>
/// <param name="Count">In-range samples that went into the statistics.</param>
/// <param name="ExpectedSamples">Samples a complete hour would have at the series' nominal interval (0 when the cadence is unknown: fewer than two readings).</param>
/// <param name="Mean">Mean of the in-range samples.</param>
/// <param name="Min">Smallest in-range sample.</param>
/// <param name="Max">Largest in-range sample.</param>
/// <param name="StdDev">Sample standard deviation.</param>
/// <param name="Flags">Union of the samples' flags, plus <see cref="QualityFlags.InsufficientData"/> when the hour is not valid and <see cref="QualityFlags.Corrected"/> when <paramref name="CorrectedMean"/> is set.</param>
/// <param name="IsValid">The hour met the coverage rule (75 % of the expected samples).</param>
/// <param name="MeanHumidity">Mean ambient relative humidity matched to the samples (%), NaN when none.</param>
/// <param name="CorrectedMean">PM2.5 only: the EPA humidity correction of <paramref name="Mean"/> (µg/m³), NaN without humidity or when a matched humidity reading was pinned. The raw mean is kept.</param>
/// <param name="NowCast">PM only: NowCast ending with this hour (truncated), NaN when not valid.</param>
/// <param name="Aqi">PM only: the US AQI of the NowCast.</param>
/// <param name="Eaqi">PM only: the European index band of this hour (of the 24-hour running mean for the 2017 edition).</param>
public sealed record HourlyResult(
    DateTimeOffset HourStart,
    int Count,
    int ExpectedSamples,
    double Mean,
    double Min,
    double Max,
    double StdDev,
    QualityFlags Flags,
    bool IsValid,
    double MeanHumidity,
    double CorrectedMean,
    double NowCast,
    AqiResult? Aqi,
    EaqiBand? Eaqi);
