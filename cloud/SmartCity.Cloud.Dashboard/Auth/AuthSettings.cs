namespace SmartCity.Cloud.Dashboard.Auth;

/// <summary>Sign-in, accounts and rate limits (<see cref="DashboardOptions.Auth"/>).</summary>
public sealed class AuthSettings
{
    /// <summary>Name of the admin account created on the first start (when no account exists yet).</summary>
    public string InitialAdminUser { get; set; } = "admin";

    /// <summary>
    /// Password of that first admin (from the command line or a secret store). Null: a random one-time password is
    /// generated and printed to the log once; it must be changed at the first sign-in. There is no default password.
    /// </summary>
    public string? InitialAdminPassword { get; set; }

    /// <summary>How long a sign-in lasts without activity.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Requests per client address and window on every <c>/api/</c> path (the server-sent events stream is exempt).</summary>
    public int ApiPermitsPerWindow { get; set; } = 600;

    /// <summary>Requests per client address and window on the open-data downloads.</summary>
    public int OpenDataPermitsPerWindow { get; set; } = 60;

    /// <summary>Sign-in attempts per client address and window.</summary>
    public int LoginPermitsPerWindow { get; set; } = 10;

    /// <summary>The rate-limit window.</summary>
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Shortest password accepted for new accounts.</summary>
    public int MinPasswordLength { get; set; } = 12;

    /// <summary>Throws with the setting's name when a value cannot work.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(InitialAdminUser) || !LocalAccountStore.IsValidUserName(InitialAdminUser))
        {
            throw new ArgumentException($"DashboardOptions.Auth.InitialAdminUser '{InitialAdminUser}' must be 2–64 letters, digits, '.', '_' or '-'.", nameof(InitialAdminUser));
        }

        if (InitialAdminPassword is { } p && p.Length < MinPasswordLength)
        {
            throw new ArgumentException($"DashboardOptions.Auth.InitialAdminPassword must have at least {MinPasswordLength} characters.", nameof(InitialAdminPassword));
        }

        if (SessionLifetime <= TimeSpan.Zero || RateLimitWindow <= TimeSpan.Zero)
        {
            throw new ArgumentException("DashboardOptions.Auth.SessionLifetime and RateLimitWindow must be positive.", nameof(SessionLifetime));
        }

        if (ApiPermitsPerWindow < 1 || OpenDataPermitsPerWindow < 1 || LoginPermitsPerWindow < 1)
        {
            throw new ArgumentException("DashboardOptions.Auth rate limits must be at least 1 request per window.", nameof(ApiPermitsPerWindow));
        }

        if (MinPasswordLength is < 8 or > 256)
        {
            throw new ArgumentException($"DashboardOptions.Auth.MinPasswordLength {MinPasswordLength} must be 8–256.", nameof(MinPasswordLength));
        }
    }
}
