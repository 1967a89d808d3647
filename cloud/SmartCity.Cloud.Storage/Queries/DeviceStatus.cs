namespace SmartCity.Cloud.Storage.Queries;

/// <summary>The latest status a device sent.</summary>
/// <param name="Device">Device id.</param>
/// <param name="Ts">When the device (or the broker, for a last will) stamped it, UTC.</param>
/// <param name="State">"online" or "offline" as on the wire.</param>
/// <param name="Detail">Free text the status carried (firmware, reason), if any.</param>
public sealed record DeviceStatus(string Device, DateTimeOffset Ts, string State, string? Detail);
