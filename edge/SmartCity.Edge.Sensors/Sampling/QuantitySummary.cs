using SmartCity.AirQuality;

namespace SmartCity.Edge.Sensors.Sampling;

/// <summary>
/// Statistics and QA flags of one quantity of one sensor over one summary interval. Raw statistics are never
/// altered; a humidity-corrected PM2.5 goes into <see cref="CorrectedPm25"/>.
/// </summary>
/// <param name="Sensor">The sensor's configured name.</param>
/// <param name="Model">The sensor model.</param>
/// <param name="Quantity">What was measured.</param>
/// <param name="Unit">The unit of the statistics, e.g. "µg/m³".</param>
/// <param name="Count">Samples in the interval.</param>
/// <param name="Expected">Samples the sensor's interval should have given.</param>
/// <param name="Mean">Mean; null when <paramref name="Count"/> is 0.</param>
/// <param name="Min">Minimum.</param>
/// <param name="Max">Maximum.</param>
/// <param name="StdDev">Sample standard deviation; null below two samples.</param>
/// <param name="Flags">Union of the samples' flags plus interval flags (insufficient data, disagreement, corrected).</param>
/// <param name="FlaggedSamples">Samples that carried at least one flag.</param>
/// <param name="CorrectedPm25">EPA humidity-corrected PM2.5 (µg/m³) for PM2.5 of a PMS-type sensor when humidity is known.</param>
public sealed record QuantitySummary(
    string Sensor,
    string Model,
    Quantity Quantity,
    string Unit,
    int Count,
    int Expected,
    double? Mean,
    double? Min,
    double? Max,
    double? StdDev,
    QualityFlags Flags,
    int FlaggedSamples,
    double? CorrectedPm25);
