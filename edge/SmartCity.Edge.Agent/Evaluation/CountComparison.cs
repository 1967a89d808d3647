namespace SmartCity.Edge.Agent.Evaluation;

/// <summary>
/// True and counted figures of one scenario per reporting bin and counted element (line × direction × class,
/// movement × class). Elements that neither side counted in a bin are absent, which reads as 0 / 0.
/// </summary>
internal sealed class CountComparison
{
    private readonly SortedDictionary<DateTimeOffset, Dictionary<CountKey, TrueAndCounted>> _bins = [];
    private readonly Dictionary<CountKey, TrueAndCounted> _totals = [];

    /// <summary>Adds to the true (reference) count of an element in a bin.</summary>
    public void AddTrue(DateTimeOffset bin, CountKey key, long count) => Add(bin, key, count, 0);

    /// <summary>Adds to the counted figure of an element in a bin.</summary>
    public void AddCounted(DateTimeOffset bin, CountKey key, long count) => Add(bin, key, 0, count);

    /// <summary>Marks a bin as covered even when nothing was counted in it.</summary>
    public void TouchBin(DateTimeOffset bin)
    {
        if (!_bins.ContainsKey(bin))
        {
            _bins[bin] = [];
        }
    }

    /// <summary>Bin starts, oldest first.</summary>
    public IEnumerable<DateTimeOffset> Bins => _bins.Keys;

    /// <summary>Totals over all bins per element.</summary>
    public IReadOnlyDictionary<CountKey, TrueAndCounted> Totals => _totals;

    /// <summary>The elements of one bin.</summary>
    public IReadOnlyDictionary<CountKey, TrueAndCounted> InBin(DateTimeOffset bin) =>
        _bins.TryGetValue(bin, out var map) ? map : new Dictionary<CountKey, TrueAndCounted>();

    /// <summary>The sum over the elements of one bin that <paramref name="include"/> accepts.</summary>
    public TrueAndCounted Sum(DateTimeOffset bin, Func<CountKey, bool> include)
    {
        ArgumentNullException.ThrowIfNull(include);
        long t = 0, c = 0;
        foreach (var (key, value) in InBin(bin))
        {
            if (include(key))
            {
                t += value.True;
                c += value.Counted;
            }
        }

        return new TrueAndCounted(t, c);
    }

    /// <summary>The sum over all bins of the elements that <paramref name="include"/> accepts.</summary>
    public TrueAndCounted Sum(Func<CountKey, bool> include)
    {
        ArgumentNullException.ThrowIfNull(include);
        long t = 0, c = 0;
        foreach (var (key, value) in _totals)
        {
            if (include(key))
            {
                t += value.True;
                c += value.Counted;
            }
        }

        return new TrueAndCounted(t, c);
    }

    private void Add(DateTimeOffset bin, CountKey key, long truth, long counted)
    {
        if (!_bins.TryGetValue(bin, out var map))
        {
            map = [];
            _bins[bin] = map;
        }

        map[key] = map.GetValueOrDefault(key) + new TrueAndCounted(truth, counted);
        _totals[key] = _totals.GetValueOrDefault(key) + new TrueAndCounted(truth, counted);
    }
}
