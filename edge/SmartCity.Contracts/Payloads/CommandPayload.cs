using System.Text.Json.Serialization;

namespace SmartCity.Contracts;

/// <summary>
/// A command from the cloud to a device (topic <c>cmd/{name}</c>). An instant message: <c>interval_s</c> is 0,
/// <c>seq</c> is the sender's own sequence for this device.
/// </summary>
public sealed record CommandPayload : WirePayload
{
    /// <inheritdoc />
    [JsonIgnore]
    public override MessageKind Kind => MessageKind.Command;

    /// <summary>Id the device echoes in its <see cref="CommandResultPayload"/>.</summary>
    public required string RequestId { get; init; }

    /// <summary>Command name; equals the topic's last level.</summary>
    public required string Name { get; init; }

    /// <summary>Named string arguments; null when there are none.</summary>
    public IReadOnlyDictionary<string, string>? Args { get; init; }
}
