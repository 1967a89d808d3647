namespace SmartCity.Cloud.Dashboard.Alerts;

/// <summary>Alert evaluation settings (<see cref="DashboardOptions.Alerts"/>).</summary>
public sealed class AlertSettings
{
    /// <summary>How often offline rules are evaluated on the clock.</summary>
    public TimeSpan OfflineCheckInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Resolved alerts kept in the history (oldest dropped first).</summary>
    public int MaxHistory { get; set; } = 1000;

    /// <summary>Throws with the setting's name when a value cannot work.</summary>
    public void Validate()
    {
        if (OfflineCheckInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException($"DashboardOptions.Alerts.OfflineCheckInterval must be positive (was {OfflineCheckInterval}).", nameof(OfflineCheckInterval));
        }

        if (MaxHistory < 1)
        {
            throw new ArgumentException($"DashboardOptions.Alerts.MaxHistory must be at least 1 (was {MaxHistory}).", nameof(MaxHistory));
        }
    }
}
