namespace SmartCity.Contracts;

/// <summary>What a message on the wire is; each kind has its own topic suffix and payload record.</summary>
public enum MessageKind
{
    /// <summary><c>status</c>: retained birth message (online) and last will (offline); <see cref="StatusPayload"/>.</summary>
    Status,

    /// <summary><c>traffic</c>: one camera's interval summary; <see cref="TrafficSummaryPayload"/>.</summary>
    Traffic,

    /// <summary><c>air</c>: the air sensors' interval summary; <see cref="AirSummaryPayload"/>.</summary>
    Air,

    /// <summary><c>health</c>: device and pipeline health over an interval; <see cref="HealthPayload"/>.</summary>
    Health,

    /// <summary><c>events</c>: opt-in per-object line crossings, never images; <see cref="CrossingEventsPayload"/>.</summary>
    Events,

    /// <summary><c>cmd/{name}</c>: a command from the cloud to the device; <see cref="CommandPayload"/>.</summary>
    Command,

    /// <summary><c>cmd-result</c>: the device's answer to a command; <see cref="CommandResultPayload"/>.</summary>
    CommandResult,
}
