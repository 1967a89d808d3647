namespace SmartCity.Cloud.Dashboard.Auth;

/// <summary>A local dashboard account as stored in <c>auth/accounts.json</c>.</summary>
/// <param name="UserName">Sign-in name.</param>
/// <param name="Role"><see cref="DashboardRoles.Operator"/> or <see cref="DashboardRoles.Admin"/>.</param>
/// <param name="PasswordHash">ASP.NET Core Identity v3 hash: PBKDF2-HMAC-SHA512, 100 000 iterations, 128-bit salt.</param>
/// <param name="Created">When the account was created (UTC).</param>
/// <param name="MustChangePassword">True for a generated one-time password: the first sign-in must set a new one.</param>
public sealed record LocalAccount(string UserName, string Role, string PasswordHash, DateTimeOffset Created, bool MustChangePassword);
