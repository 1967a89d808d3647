namespace SmartCity.AirQuality;

/// <summary>
/// Running count, mean, min, max and standard deviation of one quantity over an interval.
/// Welford's online algorithm keeps the variance numerically stable without storing samples, so
/// <see cref="Add"/> allocates nothing and costs a handful of flops.
/// </summary>
public sealed class IntervalStatistics
{
    private double _mean;
    private double _m2;
    private double _min = double.PositiveInfinity;
    private double _max = double.NegativeInfinity;

    /// <summary>Number of values added since the last reset (non-finite values are ignored).</summary>
    public int Count { get; private set; }

    /// <summary>Arithmetic mean; NaN when empty.</summary>
    public double Mean => Count == 0 ? double.NaN : _mean;

    /// <summary>Smallest value; NaN when empty.</summary>
    public double Min => Count == 0 ? double.NaN : _min;

    /// <summary>Largest value; NaN when empty.</summary>
    public double Max => Count == 0 ? double.NaN : _max;

    /// <summary>
    /// Sample standard deviation (n − 1 denominator, the usual choice for a measured series);
    /// 0 for a single value, NaN when empty.
    /// </summary>
    public double StdDev => Count switch
    {
        0 => double.NaN,
        1 => 0.0,
        _ => Math.Sqrt(Math.Max(0.0, _m2 / (Count - 1))),
    };

    /// <summary>Population variance (n denominator); 0 for one value, NaN when empty.</summary>
    public double PopulationVariance => Count == 0 ? double.NaN : Math.Max(0.0, _m2 / Count);

    /// <summary>Adds one value. NaN and infinities are ignored: they are the QA checker's business, not the mean's.</summary>
    public void Add(double value)
    {
        if (!double.IsFinite(value))
        {
            return;
        }

        Count++;
        var delta = value - _mean;
        _mean += delta / Count;
        _m2 += delta * (value - _mean);
        if (value < _min)
        {
            _min = value;
        }

        if (value > _max)
        {
            _max = value;
        }
    }

    /// <summary>Forgets every value, ready for the next interval.</summary>
    public void Reset()
    {
        Count = 0;
        _mean = 0;
        _m2 = 0;
        _min = double.PositiveInfinity;
        _max = double.NegativeInfinity;
    }
}
