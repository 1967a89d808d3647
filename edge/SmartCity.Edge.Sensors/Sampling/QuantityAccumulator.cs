using SmartCity.AirQuality;

namespace SmartCity.Edge.Sensors.Sampling;

/// <summary>Statistics and per-sample QA of one quantity of one sensor within the current interval.</summary>
internal sealed class QuantityAccumulator
{
    public QuantityAccumulator(Quantity quantity, ReadingBasis basis, QualityRules rules)
    {
        Quantity = quantity;
        Basis = basis;
        Checker = new QualityChecker(quantity, rules);
    }

    public Quantity Quantity { get; }

    public ReadingBasis Basis { get; }

    public IntervalStatistics Statistics { get; } = new();

    public QualityChecker Checker { get; }

    public QualityFlags Flags { get; set; }

    public int FlaggedSamples { get; set; }

    /// <summary>Judges and adds one sample (allocation-free: Welford update and a run counter).</summary>
    public void Add(double value, DateTimeOffset timestamp, bool warmingUp, double? humidity)
    {
        var flags = Checker.Check(value, timestamp, warmingUp, humidity);
        if (flags != QualityFlags.None)
        {
            Flags |= flags;
            FlaggedSamples++;
        }

        // An impossible value is flagged and kept out of the statistics: a NaN would poison the mean.
        if ((flags & QualityFlags.OutOfRange) == 0)
        {
            Statistics.Add(value);
        }
    }

    public void Reset()
    {
        Statistics.Reset();
        Flags = QualityFlags.None;
        FlaggedSamples = 0;
    }
}
