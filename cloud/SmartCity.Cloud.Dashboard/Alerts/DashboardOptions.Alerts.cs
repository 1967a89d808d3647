using SmartCity.Cloud.Dashboard.Alerts;

namespace SmartCity.Cloud.Dashboard;

/// <summary>Alert evaluation settings.</summary>
public sealed partial class DashboardOptions
{
    /// <summary>Alert evaluation settings.</summary>
    public AlertSettings Alerts { get; set; } = new();
}
