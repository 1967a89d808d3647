using System.Text.Json.Serialization;

namespace SmartCity.Contracts;

/// <summary>The air sensors' summary over one interval (topic <c>air</c>): one entry per sensor and quantity.</summary>
public sealed record AirSummaryPayload : WirePayload
{
    /// <inheritdoc />
    [JsonIgnore]
    public override MessageKind Kind => MessageKind.Air;

    /// <summary>Per sensor and quantity statistics with QA flags.</summary>
    public required IReadOnlyList<AirQuantityEntry> Quantities { get; init; }
}
