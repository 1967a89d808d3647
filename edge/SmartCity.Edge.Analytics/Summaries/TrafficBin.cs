using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Analytics.Summaries;

/// <summary>One 15-minute bin: the sum of the interval summaries inside it.</summary>
public sealed class TrafficBin
{
    private readonly Dictionary<(string Line, CrossingDirection Direction, TrafficClass Class), int> _lines = [];
    private readonly Dictionary<(string From, string To, TrafficClass Class), int> _movements = [];

    internal TrafficBin(DateTimeOffset start, DateTimeOffset end, int intervalsExpected)
    {
        Start = start;
        End = end;
        IntervalsExpected = intervalsExpected;
    }

    /// <summary>Bin start.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>Bin end (exclusive).</summary>
    public DateTimeOffset End { get; }

    /// <summary>Intervals the bin holds when nothing is missing.</summary>
    public int IntervalsExpected { get; }

    /// <summary>Intervals received with data (complete or partial).</summary>
    public int IntervalsWithData { get; private set; }

    /// <summary>Intervals received complete.</summary>
    public int IntervalsComplete { get; private set; }

    /// <summary>Complete, partial or no data.</summary>
    public BinStatus Status => IntervalsWithData == 0 ? BinStatus.NoData
        : IntervalsComplete == IntervalsExpected ? BinStatus.Complete : BinStatus.Partial;

    /// <summary>Why the bin is not complete; null when it is.</summary>
    public string? Reason => Status switch
    {
        BinStatus.NoData => "has no data",
        BinStatus.Partial => $"is partial ({IntervalsComplete} of {IntervalsExpected} intervals complete)",
        _ => null,
    };

    /// <summary>Crossings of a line in a direction (one class or all); null when the bin has no data.</summary>
    public int? LineVolume(string line, CrossingDirection direction, TrafficClass? cls = null)
    {
        if (Status == BinStatus.NoData)
        {
            return null;
        }

        int sum = 0;
        foreach (KeyValuePair<(string Line, CrossingDirection Direction, TrafficClass Class), int> e in _lines)
        {
            if (e.Key.Direction == direction && (cls is null || e.Key.Class == cls) && string.Equals(e.Key.Line, line, StringComparison.Ordinal))
            {
                sum += e.Value;
            }
        }

        return sum;
    }

    /// <summary>Road users making a movement (one class or all; from/to null for every approach); null when the bin has no data.</summary>
    public int? MovementVolume(string? from = null, string? to = null, TrafficClass? cls = null)
    {
        if (Status == BinStatus.NoData)
        {
            return null;
        }

        int sum = 0;
        foreach (KeyValuePair<(string From, string To, TrafficClass Class), int> e in _movements)
        {
            if ((cls is null || e.Key.Class == cls) && (from is null || string.Equals(e.Key.From, from, StringComparison.Ordinal))
                && (to is null || string.Equals(e.Key.To, to, StringComparison.Ordinal)))
            {
                sum += e.Value;
            }
        }

        return sum;
    }

    internal void Add(IntervalSummary s)
    {
        if (s.Status == IntervalStatus.NoData)
        {
            return;
        }

        IntervalsWithData++;
        if (s.Status == IntervalStatus.Complete)
        {
            IntervalsComplete++;
        }

        foreach (LineCount c in s.Lines ?? [])
        {
            _lines[(c.Line, c.Direction, c.Class)] = _lines.GetValueOrDefault((c.Line, c.Direction, c.Class)) + c.Count;
        }

        foreach (MovementCount c in s.Movements ?? [])
        {
            _movements[(c.From, c.To, c.Class)] = _movements.GetValueOrDefault((c.From, c.To, c.Class)) + c.Count;
        }
    }
}
