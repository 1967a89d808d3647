using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Analytics.Summaries;

/// <summary>
/// Everything one camera measured in one interval. In a <see cref="IntervalStatus.NoData"/> interval the measures
/// are null, never zero; in other intervals a line, movement or class missing from a list was counted zero times.
/// </summary>
public sealed record IntervalSummary
{
    /// <summary>Camera name.</summary>
    public required string Camera { get; init; }

    /// <summary>Interval start (aligned to a multiple of the interval length, UTC).</summary>
    public required DateTimeOffset Start { get; init; }

    /// <summary>Interval end (exclusive).</summary>
    public required DateTimeOffset End { get; init; }

    /// <summary>Complete, partial or no data.</summary>
    public required IntervalStatus Status { get; init; }

    /// <summary>Why the interval is partial or has no data; null when complete.</summary>
    public string? Reason { get; init; }

    /// <summary>Frames the analytics saw.</summary>
    public long FramesSeen { get; init; }

    /// <summary>Frames on which the detector ran (the motion gate skips static frames).</summary>
    public long FramesDetected { get; init; }

    /// <summary>Frames the source reported dropped.</summary>
    public long FramesDropped { get; init; }

    /// <summary>Line crossings with a non-zero count, per line × direction × class.</summary>
    public IReadOnlyList<LineCount>? Lines { get; init; }

    /// <summary>Turning movements with a non-zero count, per from × to × class.</summary>
    public IReadOnlyList<MovementCount>? Movements { get; init; }

    /// <summary>Journeys from an entry zone to an exit zone that are not a listed movement.</summary>
    public int? UnlistedMovements { get; init; }

    /// <summary>Road users that left without completing entry zone → exit zone (an entry without exit or the reverse).</summary>
    public int? IncompleteMovements { get; init; }

    /// <summary>Journeys a new track continued after its earlier track was lost (ground-plane stitching; see <c>JourneyOptions</c>).</summary>
    public int? StitchedJourneys { get; init; }

    /// <summary>Tracks born after their entry zone whose entry approach was inferred from position and heading.</summary>
    public int? InferredEntries { get; init; }

    /// <summary>Journeys whose track ended before the exit zone and whose exit approach was inferred.</summary>
    public int? InferredExits { get; init; }

    /// <summary>Line crossings made out of sight by road users first seen past the line, inferred with their entry.</summary>
    public int? InferredCrossings { get; init; }

    /// <summary>Zones.</summary>
    public IReadOnlyList<ZoneSummary>? Zones { get; init; }

    /// <summary>Speeds per line and approach (calibrated cameras only).</summary>
    public IReadOnlyList<SpeedSummary>? Speeds { get; init; }

    /// <summary>Queues per approach with a stop line.</summary>
    public IReadOnlyList<QueueSummary>? Queues { get; init; }

    /// <summary>Virtual detector on/off events in the interval.</summary>
    public int? DetectorEvents { get; init; }

    /// <summary>Crossings of <paramref name="line"/> in <paramref name="direction"/> (of one class, or all when null); null in a no-data interval.</summary>
    public int? LineTotal(string line, CrossingDirection direction, TrafficClass? cls = null)
    {
        if (Lines is null)
        {
            return null;
        }

        int sum = 0;
        foreach (LineCount c in Lines)
        {
            if (c.Direction == direction && (cls is null || c.Class == cls) && string.Equals(c.Line, line, StringComparison.Ordinal))
            {
                sum += c.Count;
            }
        }

        return sum;
    }

    /// <summary>Road users that made the movement <paramref name="from"/> → <paramref name="to"/> (one class, or all); null in a no-data interval.</summary>
    public int? MovementTotal(string from, string to, TrafficClass? cls = null)
    {
        if (Movements is null)
        {
            return null;
        }

        int sum = 0;
        foreach (MovementCount c in Movements)
        {
            if ((cls is null || c.Class == cls) && string.Equals(c.From, from, StringComparison.Ordinal) && string.Equals(c.To, to, StringComparison.Ordinal))
            {
                sum += c.Count;
            }
        }

        return sum;
    }
}
