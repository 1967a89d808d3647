namespace SmartCity.Contracts;

/// <summary>Ground speeds measured at one line or approach over the interval, km/h.</summary>
public sealed record SpeedEntry
{
    /// <summary>Line or approach name.</summary>
    public required string Name { get; init; }

    /// <summary>Line or approach.</summary>
    public required SpeedSiteKind Site { get; init; }

    /// <summary>Road users with a known speed.</summary>
    public required int Samples { get; init; }

    /// <summary>Mean speed, km/h; null without samples.</summary>
    public double? MeanKmh { get; init; }

    /// <summary>85th percentile speed, km/h; null without samples.</summary>
    public double? P85Kmh { get; init; }
}
