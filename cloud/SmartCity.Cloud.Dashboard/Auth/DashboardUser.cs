using System.Security.Claims;

namespace SmartCity.Cloud.Dashboard.Auth;

/// <summary>Reading the signed-in user from a principal.</summary>
public static class DashboardUser
{
    /// <summary>Claim set on a session signed in with a one-time password.</summary>
    public const string MustChangePasswordClaim = "smartcity:must_change_password";

    /// <summary>The account name, or null when anonymous.</summary>
    public static string? NameOf(ClaimsPrincipal? user) =>
        user?.Identity?.IsAuthenticated == true ? user.Identity.Name : null;

    /// <summary>The account name for the audit log ("anonymous" should never reach it: the endpoints require a role).</summary>
    public static string AuditName(ClaimsPrincipal? user) => NameOf(user) ?? "anonymous";

    /// <summary>The principal of an account: admins carry both roles.</summary>
    public static ClaimsPrincipal PrincipalFor(LocalAccount account, string scheme)
    {
        ArgumentNullException.ThrowIfNull(account);
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, account.UserName),
            new(ClaimTypes.Role, DashboardRoles.Operator),
        };
        if (account.Role == DashboardRoles.Admin)
        {
            claims.Add(new Claim(ClaimTypes.Role, DashboardRoles.Admin));
        }

        if (account.MustChangePassword)
        {
            claims.Add(new Claim(MustChangePasswordClaim, "true"));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }
}
