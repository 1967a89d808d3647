namespace SmartCity.Cloud.Dashboard.Auth;

/// <summary>Authorization policy names for <c>RequireAuthorization(...)</c>.</summary>
public static class DashboardPolicies
{
    /// <summary>Signed in with the operator role (admins have it too).</summary>
    public const string Operator = "dashboard-operator";

    /// <summary>Signed in with the admin role.</summary>
    public const string Admin = "dashboard-admin";
}
