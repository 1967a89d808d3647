namespace SmartCity.Cloud.Dashboard.DeviceConfig;

/// <summary>A device configuration file (the edge agent's JSON format) as the editor sees it.</summary>
/// <param name="Path">The file.</param>
/// <param name="DeviceId">device.id.</param>
/// <param name="Site">device.site.</param>
/// <param name="SourceType">source.type (synthetic, ffmpeg, folder, v4l2, libcamera …).</param>
/// <param name="Scenario">synthetic.scenario for synthetic sources.</param>
/// <param name="Seed">synthetic.seed for synthetic sources.</param>
/// <param name="Width">source.width when the file states it.</param>
/// <param name="Height">source.height when the file states it.</param>
public sealed record DeviceConfigFile(string Path, string DeviceId, string Site, string SourceType, string? Scenario, int? Seed, int? Width, int? Height)
{
    /// <summary>True for the simulated camera.</summary>
    public bool IsSynthetic => string.Equals(SourceType, "synthetic", StringComparison.OrdinalIgnoreCase);
}
