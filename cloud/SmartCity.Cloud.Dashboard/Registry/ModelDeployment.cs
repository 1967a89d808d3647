namespace SmartCity.Cloud.Dashboard.Registry;

/// <summary>Which model a device runs and since when.</summary>
/// <param name="Device">Device id.</param>
/// <param name="Site">Site of the device.</param>
/// <param name="ModelVersion">The device's <c>model_version</c> as sent.</param>
/// <param name="Since">Since when it runs this model: the agent start (birth) of the first status or health message that named it.</param>
/// <param name="LastSeen">The latest message that named it.</param>
/// <param name="AgentVersion">Edge agent version from the latest status message, if any.</param>
public sealed record ModelDeployment(string Device, string Site, string ModelVersion, DateTimeOffset Since, DateTimeOffset LastSeen, string? AgentVersion);
