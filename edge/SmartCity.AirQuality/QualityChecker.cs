namespace SmartCity.AirQuality;

/// <summary>
/// Per-sample quality checks for one quantity of one sensor: range, stuck, pinned humidity, warm-up and
/// humidity above the particulate sensor's range. Keeps only the current run of identical values, so a
/// check allocates nothing.
/// </summary>
public sealed class QualityChecker
{
    private readonly QualityRules _rules;
    private readonly PhysicalRange _range;
    private readonly TimeSpan _stuckDuration;
    private double _runValue = double.NaN;
    private DateTimeOffset _runStart;
    private int _runLength;

    /// <summary>Creates a checker for <paramref name="quantity"/> using <paramref name="rules"/>.</summary>
    public QualityChecker(Quantity quantity, QualityRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (rules.StuckSampleCount < 2)
        {
            throw new ArgumentException($"StuckSampleCount must be at least 2 (got {rules.StuckSampleCount}).", nameof(rules));
        }

        Quantity = quantity;
        _rules = rules;
        _range = rules.RangeOf(quantity);
        _stuckDuration = rules.StuckDurationOf(quantity);
    }

    /// <summary>The quantity this checker judges.</summary>
    public Quantity Quantity { get; }

    /// <summary>Length of the current run of identical valid samples.</summary>
    public int RunLength => _runLength;

    /// <summary>
    /// Judges one sample. <paramref name="warmingUp"/> is the caller's knowledge that the sensor was woken less
    /// than <see cref="QualityRules.WarmUpDuration"/> ago; <paramref name="relativeHumidity"/> is the ambient
    /// humidity (%) when known, used for particulate quantities.
    /// </summary>
    public QualityFlags Check(double value, DateTimeOffset t, bool warmingUp, double? relativeHumidity)
    {
        var flags = QualityFlags.None;
        if (warmingUp)
        {
            flags |= QualityFlags.WarmUp;
        }

        if (!_range.Contains(value))
        {
            // An impossible value neither starts nor extends a run: it says nothing about the sensor being frozen.
            return flags | QualityFlags.OutOfRange | HumidityFlags(value, relativeHumidity);
        }

        // Exact equality is the point: a frozen sensor repeats the identical reading bit for bit.
        if (_runLength > 0 && value == _runValue)
        {
            _runLength++;
        }
        else
        {
            _runValue = value;
            _runStart = t;
            _runLength = 1;
        }

        if (_runLength >= _rules.StuckSampleCount && t - _runStart >= _stuckDuration)
        {
            flags |= QualityFlags.Stuck;
        }

        return flags | HumidityFlags(value, relativeHumidity);
    }

    /// <summary>Forgets the current run, e.g. after the sensor was asleep.</summary>
    public void Reset()
    {
        _runValue = double.NaN;
        _runLength = 0;
    }

    private QualityFlags HumidityFlags(double value, double? relativeHumidity)
    {
        var flags = QualityFlags.None;
        if (Quantity == Quantity.RelativeHumidity && value >= _rules.HumidityPinnedThreshold)
        {
            flags |= QualityFlags.HumidityPinned;
        }

        if (Quantity.IsParticulate() && relativeHumidity is { } rh && double.IsFinite(rh))
        {
            if (rh > _rules.PmSensorMaxHumidity)
            {
                flags |= QualityFlags.HumidityAboveSensorRange;
            }
        }

        return flags;
    }
}
