using SmartCity.Cloud.Dashboard.Registry;

namespace SmartCity.Cloud.Dashboard;

/// <summary>The public AI registry's statements.</summary>
public sealed partial class DashboardOptions
{
    /// <summary>The public AI registry's statements (department, contact, retention).</summary>
    public RegistrySettings Registry { get; set; } = new();
}
