namespace SmartCity.Cloud.Dashboard.Fleet;

/// <summary>The fleet as the Fleet page shows it (<c>GET /api/v1/fleet</c>).</summary>
/// <param name="Now">When the view was computed, UTC.</param>
/// <param name="OfflineAfterS">Silence after which a device is shown offline, seconds.</param>
/// <param name="Online">Devices online.</param>
/// <param name="Offline">Devices offline.</param>
/// <param name="Unknown">Devices registered but never heard from.</param>
/// <param name="Devices">Every device, by id.</param>
public sealed record FleetView(DateTimeOffset Now, double OfflineAfterS, int Online, int Offline, int Unknown, IReadOnlyList<FleetDevice> Devices);

/// <summary>One device on the Fleet page.</summary>
/// <param name="Id">Device id.</param>
/// <param name="Name">Human name (the id when the registry gives none).</param>
/// <param name="Site">Site.</param>
/// <param name="Latitude">WGS84 latitude; null when not registered.</param>
/// <param name="Longitude">WGS84 longitude.</param>
/// <param name="State">"online", "offline" or "unknown".</param>
/// <param name="StateReason">Why: "last will", "silent for 14 min", "status online", …</param>
/// <param name="LastSeen">Envelope time of the newest message of any kind; null when never heard from.</param>
/// <param name="LastSeenAgoS">Seconds from <see cref="LastSeen"/> to the view time.</param>
/// <param name="StatusTs">Time of the latest status message.</param>
/// <param name="AgentVersion">Edge agent version (latest health or status).</param>
/// <param name="ModelVersion">Detection model version.</param>
/// <param name="Health">The latest health; null when none was received.</param>
public sealed record FleetDevice(
    string Id,
    string Name,
    string Site,
    double? Latitude,
    double? Longitude,
    string State,
    string StateReason,
    DateTimeOffset? LastSeen,
    double? LastSeenAgoS,
    DateTimeOffset? StatusTs,
    string? AgentVersion,
    string? ModelVersion,
    FleetHealth? Health);

/// <summary>The latest health of a device.</summary>
/// <param name="Ts">Interval end, UTC.</param>
/// <param name="Fps">Frames per second, mean over cameras.</param>
/// <param name="InferenceMs">Mean inference time over cameras, ms.</param>
/// <param name="FramesDropped">Frames dropped in the interval, all cameras.</param>
/// <param name="OutboxDepth">Messages waiting in the outbox.</param>
/// <param name="OutboxDropped">Messages the outbox dropped since start.</param>
/// <param name="CpuTemperatureC">Processor temperature, °C.</param>
/// <param name="UptimeS">Seconds since the agent started.</param>
/// <param name="Cameras">Per camera.</param>
public sealed record FleetHealth(
    DateTimeOffset Ts,
    double? Fps,
    double? InferenceMs,
    long FramesDropped,
    long OutboxDepth,
    long OutboxDropped,
    double? CpuTemperatureC,
    long UptimeS,
    IReadOnlyList<Storage.Queries.CameraHealth> Cameras);
