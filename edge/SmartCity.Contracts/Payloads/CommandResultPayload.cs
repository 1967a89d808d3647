using System.Text.Json.Serialization;

namespace SmartCity.Contracts;

/// <summary>A device's answer to a command (topic <c>cmd-result</c>). An instant message: <c>interval_s</c> is 0.</summary>
public sealed record CommandResultPayload : WirePayload
{
    /// <inheritdoc />
    [JsonIgnore]
    public override MessageKind Kind => MessageKind.CommandResult;

    /// <summary>The command's request id.</summary>
    public required string RequestId { get; init; }

    /// <summary>The command's name.</summary>
    public required string Name { get; init; }

    /// <summary>What happened.</summary>
    public required CommandOutcome Outcome { get; init; }

    /// <summary>Human-readable detail, for failures and rejections.</summary>
    public string? Message { get; init; }
}
