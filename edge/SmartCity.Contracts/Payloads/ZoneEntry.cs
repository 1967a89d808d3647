namespace SmartCity.Contracts;

/// <summary>One zone over the interval.</summary>
public sealed record ZoneEntry
{
    /// <summary>Zone name.</summary>
    public required string Zone { get; init; }

    /// <summary>Objects in the zone averaged over the interval's frames.</summary>
    public required double MeanOccupancy { get; init; }

    /// <summary>Most objects in the zone in any frame.</summary>
    public required int MaxOccupancy { get; init; }

    /// <summary>Objects that entered.</summary>
    public required int Entries { get; init; }

    /// <summary>Objects that left (or vanished inside).</summary>
    public required int Exits { get; init; }

    /// <summary>Visits ended in the interval that count for dwell.</summary>
    public required int DwellSamples { get; init; }

    /// <summary>Mean dwell of those visits, seconds; null without samples.</summary>
    public double? MeanDwellS { get; init; }

    /// <summary>Longest of them, seconds; null without samples.</summary>
    public double? MaxDwellS { get; init; }
}
