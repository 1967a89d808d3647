using SmartCity.Contracts;

namespace SmartCity.Edge.Agent.Uplink;

/// <summary>The retained <c>status</c> messages: the birth message ("online") and the last will ("offline").</summary>
public static class StatusPayloads
{
    /// <summary>
    /// The status payload. Status is latest-state, not a measurement: it is published by the uplink outside the
    /// outbox and left out of the cloud's seq audit, so it consumes no seq; it carries the outbox checkpoint (a seq
    /// the broker has acknowledged already), never a seq still waiting in the outbox.
    /// </summary>
    public static StatusPayload Create(string deviceId, long seq, DeviceState state, DeviceDescription description, DateTimeOffset birthTs, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(description);
        return new StatusPayload
        {
            Device = deviceId,
            Seq = Math.Max(0, seq),
            Ts = now.ToUniversalTime(),
            IntervalS = 0,
            State = state,
            AgentVersion = description.AgentVersion,
            ModelVersion = description.ModelVersion,
            BirthTs = birthTs.ToUniversalTime(),
        };
    }
}
