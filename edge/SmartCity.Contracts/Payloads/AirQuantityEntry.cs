using System.Text.Json.Serialization;

namespace SmartCity.Contracts;

/// <summary>
/// Statistics of one quantity of one sensor over the interval. Raw statistics are never altered; a humidity-corrected
/// PM2.5 travels next to them in <see cref="CorrectedPm25"/>.
/// </summary>
public sealed record AirQuantityEntry
{
    /// <summary>The sensor's configured name.</summary>
    public required string Sensor { get; init; }

    /// <summary>Sensor model, e.g. "pms5003".</summary>
    public required string Model { get; init; }

    /// <summary>Quantity name (<see cref="QuantityNames"/>), e.g. "pm25".</summary>
    public required string Quantity { get; init; }

    /// <summary>Unit of the statistics, e.g. "µg/m³".</summary>
    public required string Unit { get; init; }

    /// <summary>Samples in the interval.</summary>
    public required int Count { get; init; }

    /// <summary>Samples the sensor should have given.</summary>
    public required int Expected { get; init; }

    /// <summary>Mean; null when <see cref="Count"/> is 0.</summary>
    public double? Mean { get; init; }

    /// <summary>Minimum; null when <see cref="Count"/> is 0.</summary>
    public double? Min { get; init; }

    /// <summary>Maximum; null when <see cref="Count"/> is 0.</summary>
    public double? Max { get; init; }

    /// <summary>Sample standard deviation (JSON <c>sd</c>); null below two samples.</summary>
    [JsonPropertyName("sd")]
    public double? StdDev { get; init; }

    /// <summary>QA flag names (<see cref="QualityFlagNames"/>); empty or null when none.</summary>
    public IReadOnlyList<string>? Flags { get; init; }

    /// <summary>Samples that carried at least one flag.</summary>
    public int FlaggedSamples { get; init; }

    /// <summary>EPA humidity-corrected PM2.5, µg/m³ (PM2.5 of a PMS-type sensor with known humidity only).</summary>
    public double? CorrectedPm25 { get; init; }
}
