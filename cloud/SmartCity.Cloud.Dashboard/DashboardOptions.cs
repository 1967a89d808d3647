namespace SmartCity.Cloud.Dashboard;

/// <summary>
/// What the dashboard shows and its limits. Constructed by the host and passed to
/// <see cref="DashboardServiceCollectionExtensions.AddSmartCityDashboard"/>. Partial: feature folders add their own settings
/// in their own file (for example <c>Auth/DashboardOptions.Auth.cs</c>).
/// </summary>
public sealed partial class DashboardOptions
{
    /// <summary>The name in the title bar, e.g. the city or district.</summary>
    public string Title { get; set; } = "SmartCity";

    /// <summary>The fleet registry: where each device stands. Devices not listed still appear once they send data.</summary>
    public IReadOnlyList<DashboardDevice> Devices { get; set; } = [];

    /// <summary>A device that sent nothing for this long is shown offline even without a last-will message.</summary>
    public TimeSpan OfflineAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The longest range a 15-minute query may span (2 880 bins at 30 days).</summary>
    public TimeSpan MaxFifteenMinuteRange { get; set; } = TimeSpan.FromDays(93);

    /// <summary>The longest range an hourly query may span.</summary>
    public TimeSpan MaxHourlyRange { get; set; } = TimeSpan.FromDays(400);

    /// <summary>The most rows a CSV export may hold; a larger request is refused with 413 and a message saying how to narrow it.</summary>
    public int MaxCsvRows { get; set; } = 100_000;

    /// <summary>Where dashboard features keep their own files (users, alert rules, audit log); each feature uses a subfolder.</summary>
    public string DataDirectory { get; set; } = "data/dashboard";

    /// <summary>The shipped models with their model cards (the public AI registry reads them).</summary>
    public string ModelsDirectory { get; set; } = "models";

    /// <summary>Device configuration files (one JSON per device).</summary>
    public string DeviceConfigDirectory { get; set; } = "firmware-configs/devices";

    /// <summary>Throws with the setting's name when a value cannot work.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Title))
        {
            throw new ArgumentException("DashboardOptions.Title is empty.", nameof(Title));
        }

        if (OfflineAfter <= TimeSpan.Zero)
        {
            throw new ArgumentException($"DashboardOptions.OfflineAfter must be positive (was {OfflineAfter}).", nameof(OfflineAfter));
        }

        if (MaxFifteenMinuteRange <= TimeSpan.Zero || MaxHourlyRange <= TimeSpan.Zero)
        {
            throw new ArgumentException("DashboardOptions.MaxFifteenMinuteRange and MaxHourlyRange must be positive.", nameof(MaxFifteenMinuteRange));
        }

        if (MaxCsvRows < 1)
        {
            throw new ArgumentException($"DashboardOptions.MaxCsvRows must be at least 1 (was {MaxCsvRows}).", nameof(MaxCsvRows));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (DashboardDevice d in Devices)
        {
            if (string.IsNullOrWhiteSpace(d.Id))
            {
                throw new ArgumentException("DashboardOptions.Devices has a device without an id.", nameof(Devices));
            }

            if (!seen.Add(d.Id))
            {
                throw new ArgumentException($"DashboardOptions.Devices lists device '{d.Id}' twice.", nameof(Devices));
            }

            if (d.Latitude is { } lat && (lat < -90 || lat > 90 || !double.IsFinite(lat)))
            {
                throw new ArgumentException($"DashboardOptions.Devices['{d.Id}'].Latitude {lat} is outside -90..90.", nameof(Devices));
            }

            if (d.Longitude is { } lon && (lon < -180 || lon > 180 || !double.IsFinite(lon)))
            {
                throw new ArgumentException($"DashboardOptions.Devices['{d.Id}'].Longitude {lon} is outside -180..180.", nameof(Devices));
            }
        }
    }
}
