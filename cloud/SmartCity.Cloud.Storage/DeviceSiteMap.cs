namespace SmartCity.Cloud.Storage;

/// <summary>The site a device stands at. Payloads do not carry it: the fleet registry knows where a device is mounted.</summary>
public static class DeviceSiteMap
{
    /// <summary>The site of devices the registry does not list.</summary>
    public const string Unassigned = "unassigned";

    /// <summary>The site of <paramref name="device"/>, or <see cref="Unassigned"/>.</summary>
    public static string SiteOf(this IReadOnlyDictionary<string, string> sites, string device)
    {
        ArgumentNullException.ThrowIfNull(sites);
        return sites.TryGetValue(device, out string? site) && !string.IsNullOrEmpty(site) ? site : Unassigned;
    }
}
