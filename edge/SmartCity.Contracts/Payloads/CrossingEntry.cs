namespace SmartCity.Contracts;

/// <summary>One road user crossing one counting line.</summary>
public sealed record CrossingEntry
{
    /// <summary>Time of the frame in which the crossing was recognised (UTC).</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>Tracker id; unique within a camera for a while, not across restarts, never linked to a person.</summary>
    public required int TrackId { get; init; }

    /// <summary>Line name.</summary>
    public required string Line { get; init; }

    /// <summary>Direction of the crossing.</summary>
    public required LineDirection Direction { get; init; }

    /// <summary>Road-user class name (<see cref="TrafficClassNames"/>).</summary>
    public required string Class { get; init; }

    /// <summary>Ground speed at the crossing, km/h; null when not known.</summary>
    public double? SpeedKmh { get; init; }
}
