using SmartCity.Cloud.Dashboard.Auth;

namespace SmartCity.Cloud.Dashboard;

/// <summary>Sign-in, accounts and rate limits.</summary>
public sealed partial class DashboardOptions
{
    /// <summary>Sign-in, accounts and rate limits.</summary>
    public AuthSettings Auth { get; set; } = new();
}
