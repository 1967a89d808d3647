using System.Text.Json.Serialization;

namespace SmartCity.Contracts;

/// <summary>How a device handled a command (JSON "ok", "failed", "rejected", "unknown_command").</summary>
[JsonConverter(typeof(WireEnumConverter<CommandOutcome>))]
public enum CommandOutcome
{
    /// <summary>Done.</summary>
    Ok,

    /// <summary>Tried and failed; <c>message</c> says why.</summary>
    Failed,

    /// <summary>Refused (bad arguments, not allowed now); <c>message</c> says why.</summary>
    Rejected,

    /// <summary>The device does not know the command name.</summary>
    UnknownCommand,
}
