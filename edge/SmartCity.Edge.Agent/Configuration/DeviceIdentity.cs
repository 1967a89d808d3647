namespace SmartCity.Edge.Agent.Configuration;

/// <summary>The device's identity as it appears in topics and on the dashboard.</summary>
public sealed class DeviceIdentity
{
    /// <summary>Device id: lower-case letters, digits and dashes, 3–64 characters.</summary>
    public string Id { get; set; } = "demo-edge-01";

    /// <summary>Site (intersection or road section) the device watches.</summary>
    public string Site { get; set; } = "demo-intersection";
}
