namespace SmartCity.AirQuality;

/// <summary>
/// A/B check for two co-located particulate sensors (PurpleAir-style dual channel, or an SDS011 beside a
/// PMS5003). They disagree when |a − b| exceeds both the absolute and the relative tolerance, i.e.
/// |a − b| &gt; max(<see cref="QualityRules.DisagreementAbsolute"/>, <see cref="QualityRules.DisagreementRelative"/> · mean(a, b)):
/// the absolute floor stops clean-air noise (2 vs 4 µg/m³) from counting, the relative term scales with pollution.
/// </summary>
public sealed class SensorPairComparer
{
    private readonly QualityRules _rules;

    /// <summary>Creates a comparer with the tolerances in <paramref name="rules"/>.</summary>
    public SensorPairComparer(QualityRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _rules = rules;
    }

    /// <summary>The largest |a − b| still accepted for this pair of readings.</summary>
    public double Tolerance(double a, double b) =>
        Math.Max(_rules.DisagreementAbsolute, _rules.DisagreementRelative * (Math.Abs(a) + Math.Abs(b)) / 2.0);

    /// <summary>
    /// <see cref="QualityFlags.SensorDisagreement"/> when the readings disagree, <see cref="QualityFlags.OutOfRange"/>
    /// when either is not a finite number, otherwise <see cref="QualityFlags.None"/>.
    /// </summary>
    public QualityFlags Compare(double a, double b)
    {
        if (!double.IsFinite(a) || !double.IsFinite(b))
        {
            return QualityFlags.OutOfRange;
        }

        return Math.Abs(a - b) > Tolerance(a, b) ? QualityFlags.SensorDisagreement : QualityFlags.None;
    }
}
