namespace SmartCity.Cloud.Storage.Influx;

/// <summary>Where the InfluxDB 1.x store writes (<c>/write</c>) and reads (<c>/query</c>, InfluxQL).</summary>
public sealed class InfluxStoreOptions
{
    /// <summary>The server, for example http://127.0.0.1:8086.</summary>
    public Uri? ServerUri { get; set; }

    /// <summary>The database; created (with <see cref="Retention"/> as its default policy's duration) when missing.</summary>
    public string Database { get; set; } = "smartcity";

    /// <summary>User name for basic authentication, if the server requires it.</summary>
    public string? Username { get; set; }

    /// <summary>Password for basic authentication.</summary>
    public string? Password { get; set; }

    /// <summary>How long InfluxDB keeps data (the database's retention policy duration, at least one hour); null keeps everything.</summary>
    public TimeSpan? Retention { get; set; }

    /// <summary>Device id → site name; devices not listed are stored under <see cref="DeviceSiteMap.Unassigned"/>.</summary>
    public IReadOnlyDictionary<string, string> DeviceSites { get; set; } = new Dictionary<string, string>();

    /// <summary>Per-request timeout.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Throws with the setting's name when a value cannot work.</summary>
    public void Validate()
    {
        if (ServerUri is null || !ServerUri.IsAbsoluteUri || (ServerUri.Scheme != Uri.UriSchemeHttp && ServerUri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"InfluxStoreOptions.ServerUri '{ServerUri}' must be an absolute http(s) URI.", nameof(ServerUri));
        }

        if (string.IsNullOrWhiteSpace(Database))
        {
            throw new ArgumentException("InfluxStoreOptions.Database is empty.", nameof(Database));
        }

        if (Retention is { } r && r < TimeSpan.FromHours(1))
        {
            throw new ArgumentException($"InfluxStoreOptions.Retention must be at least 1 hour (InfluxDB's minimum), was {r}.", nameof(Retention));
        }
    }
}
