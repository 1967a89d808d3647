namespace SmartCity.Bench.Ingest.Measure;

/// <summary>A counter sampled over time; the sustained rate is taken between 5 % and 95 % of the final count, so the
/// ramp-up and the tail do not dilute it.</summary>
internal sealed class RateWindow
{
    private readonly List<(double Seconds, long Count)> _samples = [];

    public void Add(double seconds, long count)
    {
        lock (_samples)
        {
            _samples.Add((seconds, count));
        }
    }

    public long Last
    {
        get
        {
            lock (_samples)
            {
                return _samples.Count == 0 ? 0 : _samples[^1].Count;
            }
        }
    }

    /// <summary>Messages per second between the samples where 5 % and 95 % of <paramref name="total"/> were first reached.</summary>
    public double SustainedRate(long total)
    {
        lock (_samples)
        {
            return Rate(_samples, total);
        }
    }

    public static double Rate(IReadOnlyList<(double Seconds, long Count)> samples, long total)
    {
        if (total <= 0 || samples.Count < 2)
        {
            return double.NaN;
        }

        (double Seconds, long Count)? low = null, high = null;
        foreach ((double Seconds, long Count) s in samples)
        {
            if (low is null && s.Count >= total * 0.05)
            {
                low = s;
            }

            if (high is null && s.Count >= total * 0.95)
            {
                high = s;
            }
        }

        if (low is not { } l || high is not { } h || h.Seconds <= l.Seconds)
        {
            return double.NaN;
        }

        return (h.Count - l.Count) / (h.Seconds - l.Seconds);
    }
}
