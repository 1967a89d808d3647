using System.Text.Json.Serialization;

namespace SmartCity.Contracts;

/// <summary>
/// Per-object line crossings of one camera over one interval (topic <c>events</c>). Sent only when the device has
/// opted in; carries no image, no box and no appearance, only what the count already implies plus time and speed.
/// </summary>
public sealed record CrossingEventsPayload : WirePayload
{
    /// <inheritdoc />
    [JsonIgnore]
    public override MessageKind Kind => MessageKind.Events;

    /// <summary>Camera name on the device.</summary>
    public required string Camera { get; init; }

    /// <summary>Crossings in time order.</summary>
    public required IReadOnlyList<CrossingEntry> Crossings { get; init; }
}
