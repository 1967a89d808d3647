using SmartCity.AirQuality.Indices;
using SmartCity.AirQuality.Limits;

namespace SmartCity.AirQuality.Replay;

/// <summary>How <see cref="AirReplay"/> judges and indexes the readings.</summary>
public sealed class ReplayOptions
{
    /// <summary>The limit values whose exceedances are counted (default: Directive 2008/50/EC).</summary>
    public IReadOnlyList<LimitValue> Limits { get; init; } = EuLimitValues.Current;

    /// <summary>Data-capture rules for hours, days and years.</summary>
    public CoverageRules Coverage { get; init; } = CoverageRules.Default;

    /// <summary>Per-sample quality rules.</summary>
    public QualityRules Quality { get; init; } = new();

    /// <summary>Which EEA band thresholds to use.</summary>
    public EaqiVersion EaqiVersion { get; init; } = EaqiVersion.Revised2024;

    /// <summary>A humidity reading further than this from a PM reading is not used for it.</summary>
    public TimeSpan HumidityMatchWindow { get; init; } = TimeSpan.FromMinutes(10);
}
