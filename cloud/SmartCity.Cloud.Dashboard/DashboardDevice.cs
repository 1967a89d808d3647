namespace SmartCity.Cloud.Dashboard;

/// <summary>One device in the fleet registry.</summary>
/// <param name="Id">Device id as on the wire.</param>
/// <param name="Site">Site (intersection, street) the device stands at.</param>
/// <param name="Name">Human name ("Main St / 5th Ave, north pole"); null shows the id.</param>
/// <param name="Latitude">WGS84 latitude, degrees; null when unknown (the device is left off the site map).</param>
/// <param name="Longitude">WGS84 longitude, degrees.</param>
public sealed record DashboardDevice(string Id, string Site, string? Name = null, double? Latitude = null, double? Longitude = null);
