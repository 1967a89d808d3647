namespace SmartCity.Cloud.Storage.Queries;

/// <summary>The newest message of any kind a device sent.</summary>
/// <param name="Device">Device id.</param>
/// <param name="Ts">Its envelope time (interval end), UTC.</param>
/// <param name="Seq">Its seq.</param>
public sealed record DeviceLastSeen(string Device, DateTimeOffset Ts, long Seq);
