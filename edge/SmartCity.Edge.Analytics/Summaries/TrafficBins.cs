namespace SmartCity.Edge.Analytics.Summaries;

/// <summary>
/// Aggregates interval summaries into clock-aligned 15-minute bins (per line, movement and class) and finds the
/// peak hour and its factor. Bins between the first and last summary that received nothing are kept, as no data.
/// </summary>
public sealed class TrafficBins
{
    private readonly SortedDictionary<long, TrafficBin> _bins = [];
    private readonly TimeSpan _binLength;
    private readonly TimeSpan _interval;

    /// <summary>Creates bins of <paramref name="binLength"/> (default 15 minutes) for summaries of <paramref name="interval"/>.</summary>
    public TrafficBins(TimeSpan interval, TimeSpan? binLength = null)
    {
        _binLength = binLength ?? TimeSpan.FromMinutes(15);
        _interval = interval;
        if (interval <= TimeSpan.Zero || _binLength.Ticks % interval.Ticks != 0 || TimeSpan.TicksPerDay % _binLength.Ticks != 0)
        {
            throw new ArgumentException($"Bins of {_binLength} must divide a day and be a whole number of {interval} intervals.", nameof(interval));
        }
    }

    /// <summary>The bins from the first to the last one touched, in time order, gaps filled with no-data bins.</summary>
    public IReadOnlyList<TrafficBin> Bins
    {
        get
        {
            var list = new List<TrafficBin>(_bins.Count);
            long? previous = null;
            foreach ((long start, TrafficBin bin) in _bins)
            {
                for (long s = (previous ?? start) + _binLength.Ticks; previous is not null && s < start; s += _binLength.Ticks)
                {
                    list.Add(NewBin(s));
                }

                list.Add(bin);
                previous = start;
            }

            return list;
        }
    }

    /// <summary>Adds one interval summary to its bin (summaries spanning several bins are refused).</summary>
    public void Add(IntervalSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        long start = summary.Start.UtcTicks - (summary.Start.UtcTicks % _binLength.Ticks);
        if (summary.End.UtcTicks > start + _binLength.Ticks)
        {
            throw new ArgumentException($"The interval {summary.Start:O}–{summary.End:O} does not fit in one {_binLength} bin.", nameof(summary));
        }

        if (!_bins.TryGetValue(start, out TrafficBin? bin))
        {
            bin = NewBin(start);
            _bins.Add(start, bin);
        }

        bin.Add(summary);
    }

    /// <summary>
    /// The peak hour of the volume <paramref name="volumeOf"/> picks from each bin (for example
    /// <c>b =&gt; b.MovementVolume("north", "south")</c>). Only complete bins are used unless
    /// <paramref name="allowPartialBins"/>: a partial bin undercounts and would distort the factor.
    /// </summary>
    public PeakHourResult PeakHour(Func<TrafficBin, int?> volumeOf, bool allowPartialBins = false)
    {
        ArgumentNullException.ThrowIfNull(volumeOf);
        IReadOnlyList<TrafficBin> bins = Bins;
        var volumes = new List<BinVolume>(bins.Count);
        foreach (TrafficBin b in bins)
        {
            bool usable = b.Status == BinStatus.Complete || (allowPartialBins && b.Status == BinStatus.Partial);
            volumes.Add(usable ? new BinVolume(b.Start, volumeOf(b)) : new BinVolume(b.Start, null, b.Reason));
        }

        return PeakHourResult.Find(volumes);
    }

    private TrafficBin NewBin(long start) => new(
        new DateTimeOffset(start, TimeSpan.Zero), new DateTimeOffset(start + _binLength.Ticks, TimeSpan.Zero), (int)(_binLength.Ticks / _interval.Ticks));
}
