using System.Text.Json.Serialization;

namespace SmartCity.Contracts;

/// <summary>
/// One camera's traffic summary over one interval (topic <c>traffic</c>). In a <see cref="TrafficIntervalStatus.NoData"/>
/// interval every measure is null (absent), never 0; otherwise an entry missing from a list was counted zero times.
/// </summary>
public sealed record TrafficSummaryPayload : WirePayload
{
    /// <inheritdoc />
    [JsonIgnore]
    public override MessageKind Kind => MessageKind.Traffic;

    /// <summary>Camera name on the device.</summary>
    public required string Camera { get; init; }

    /// <summary>Complete, partial or no data.</summary>
    public required TrafficIntervalStatus Status { get; init; }

    /// <summary>Why the interval is partial or has no data; null when complete.</summary>
    public string? Reason { get; init; }

    /// <summary>Frames the analytics saw.</summary>
    public long FramesSeen { get; init; }

    /// <summary>Frames on which the detector ran.</summary>
    public long FramesDetected { get; init; }

    /// <summary>Frames the source reported dropped.</summary>
    public long FramesDropped { get; init; }

    /// <summary>Line crossings with a non-zero count, per line × direction × class; null in a no-data interval.</summary>
    public IReadOnlyList<LineCountEntry>? Lines { get; init; }

    /// <summary>Turning movements with a non-zero count, per from × to × class; null in a no-data interval.</summary>
    public IReadOnlyList<MovementCountEntry>? Movements { get; init; }

    /// <summary>Entry-to-exit journeys that are not a listed movement; null in a no-data interval.</summary>
    public int? UnlistedMovements { get; init; }

    /// <summary>Road users that left without completing entry → exit; null in a no-data interval.</summary>
    public int? IncompleteMovements { get; init; }

    /// <summary>Zones; null in a no-data interval.</summary>
    public IReadOnlyList<ZoneEntry>? Zones { get; init; }

    /// <summary>Speeds per line and approach (calibrated cameras only); null in a no-data interval.</summary>
    public IReadOnlyList<SpeedEntry>? Speeds { get; init; }

    /// <summary>Queues per approach with a stop line; null in a no-data interval.</summary>
    public IReadOnlyList<QueueEntry>? Queues { get; init; }

    /// <summary>Virtual detector on/off events in the interval; null in a no-data interval.</summary>
    public int? DetectorEvents { get; init; }
}
