namespace SmartCity.Cloud.Dashboard.Auth;

/// <summary>Rate-limiter policy names. Every path under <c>/api/</c> is limited globally as well.</summary>
public static class DashboardRateLimits
{
    /// <summary>The open-data downloads (CSV, JSON, FIWARE): large answers, a stricter budget.</summary>
    public const string OpenData = "open-data";

    /// <summary>Sign-in attempts per client address (slows password guessing).</summary>
    public const string Login = "login";
}
