namespace SmartCity.Cloud.Dashboard.Auth;

/// <summary>The dashboard's roles. Public pages need none; an admin holds both roles.</summary>
public static class DashboardRoles
{
    /// <summary>Technicians and engineers: alert rules, device configuration.</summary>
    public const string Operator = "operator";

    /// <summary>Accounts and the audit log (and everything an operator may do).</summary>
    public const string Admin = "admin";

    /// <summary>True for a role name the dashboard knows.</summary>
    public static bool IsKnown(string? role) => role is Operator or Admin;
}
