namespace SmartCity.Cloud.Storage.Influx;

/// <summary>
/// Where the InfluxDB store writes (<see cref="WriteApi"/>: v1 <c>/write</c> or v2 <c>/api/v2/write</c>) and reads
/// (InfluxQL on <c>/query</c>, which InfluxDB 1.x, 2.x and 3.x all answer).
/// </summary>
public sealed class InfluxStoreOptions
{
    /// <summary>The server, for example http://127.0.0.1:8086.</summary>
    public Uri? ServerUri { get; set; }

    /// <summary>The database; created (with <see cref="Retention"/> as its default policy's duration) when missing and <see cref="CreateDatabase"/> is set.</summary>
    public string Database { get; set; } = "smartcity";

    /// <summary>
    /// The retention policy written to and read from (v1 <c>rp=</c>, v2 bucket "database/policy"); null uses the
    /// database's default policy. When <see cref="CreateDatabase"/> creates the database, this names its default policy.
    /// </summary>
    public string? RetentionPolicy { get; set; }

    /// <summary>User name for basic authentication on <c>/query</c> and v1 <c>/write</c>, if the server requires it.</summary>
    public string? Username { get; set; }

    /// <summary>Password for basic authentication.</summary>
    public string? Password { get; set; }

    /// <summary>
    /// API token, sent as <c>Authorization: Token …</c>: on v2 writes always, on <c>/query</c> and v1 writes when no
    /// <see cref="Username"/> is set (InfluxDB 1.8+, 2.x and 3.x accept it there). For InfluxDB 1.8 it is
    /// "user:password". Without a token, v2 writes send "<see cref="Username"/>:<see cref="Password"/>" when a user is set.
    /// </summary>
    public string? Token { get; set; }

    /// <summary>Which write endpoint to use; <see cref="InfluxWriteApi.V1"/> works with every 1.x server.</summary>
    public InfluxWriteApi WriteApi { get; set; } = InfluxWriteApi.V1;

    /// <summary>V2 writes: the organization ("-" for InfluxDB 1.8, which ignores it; 3.x ignores it too; 2.x needs the real name or id).</summary>
    public string Org { get; set; } = "-";

    /// <summary>
    /// V2 writes: the bucket; null means "<see cref="Database"/>/<see cref="RetentionPolicy"/>" (just the database
    /// when no policy is set), which is how InfluxDB 1.8 maps a bucket to a database and policy.
    /// </summary>
    public string? Bucket { get; set; }

    /// <summary>V2 writes: gzip the request body (InfluxDB 1.8+, 2.x and 3.x accept Content-Encoding: gzip).</summary>
    public bool Gzip { get; set; }

    /// <summary>
    /// Send <c>CREATE DATABASE</c> at open (a no-op when it exists). InfluxDB 2.x and 3.x do not take it on
    /// <c>/query</c>: there, create the bucket (and on 2.x its DBRP mapping) beforehand and turn this off.
    /// </summary>
    public bool CreateDatabase { get; set; } = true;

    /// <summary>How long InfluxDB keeps data (the database's retention policy duration, at least one hour); null keeps everything.</summary>
    public TimeSpan? Retention { get; set; }

    /// <summary>Device id → site name; devices not listed are stored under <see cref="DeviceSiteMap.Unassigned"/>.</summary>
    public IReadOnlyDictionary<string, string> DeviceSites { get; set; } = new Dictionary<string, string>();

    /// <summary>Per-request timeout.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The bucket v2 writes go to: <see cref="Bucket"/>, or InfluxDB 1.8's "database/policy" mapping.</summary>
    public string EffectiveBucket => Bucket ?? (RetentionPolicy is null ? Database : Database + "/" + RetentionPolicy);

    /// <summary>The token v2 writes send: <see cref="Token"/>, or "user:password" (InfluxDB 1.8) when a user is set; null writes unauthenticated.</summary>
    internal string? EffectiveWriteToken => Token ?? (Username is null ? null : Username + ":" + Password);

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

        if (RetentionPolicy is not null && (string.IsNullOrWhiteSpace(RetentionPolicy) || RetentionPolicy.Contains('/', StringComparison.Ordinal)))
        {
            throw new ArgumentException($"InfluxStoreOptions.RetentionPolicy '{RetentionPolicy}' must be a policy name without '/' (or null for the database's default policy).", nameof(RetentionPolicy));
        }

        if (Retention is { } r && r < TimeSpan.FromHours(1))
        {
            throw new ArgumentException($"InfluxStoreOptions.Retention must be at least 1 hour (InfluxDB's minimum), was {r}.", nameof(Retention));
        }

        if (Timeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"InfluxStoreOptions.Timeout must be positive, was {Timeout}.", nameof(Timeout));
        }

        if (Password is not null && Username is null)
        {
            throw new ArgumentException("InfluxStoreOptions.Password is set but InfluxStoreOptions.Username is not.", nameof(Password));
        }

        if (Token is not null && string.IsNullOrWhiteSpace(Token))
        {
            throw new ArgumentException("InfluxStoreOptions.Token is blank; leave it null for no token.", nameof(Token));
        }

        switch (WriteApi)
        {
            case InfluxWriteApi.V1:
                // Settings that only the v2 endpoint reads would be silently ignored: say so instead.
                if (Bucket is not null)
                {
                    throw new ArgumentException($"InfluxStoreOptions.Bucket '{Bucket}' applies only to WriteApi V2; v1 writes go to Database and RetentionPolicy.", nameof(Bucket));
                }

                if (Gzip)
                {
                    throw new ArgumentException("InfluxStoreOptions.Gzip applies only to WriteApi V2.", nameof(Gzip));
                }

                break;
            case InfluxWriteApi.V2:
                if (string.IsNullOrWhiteSpace(Org))
                {
                    throw new ArgumentException("InfluxStoreOptions.Org is empty; WriteApi V2 needs one (\"-\" for InfluxDB 1.8 and 3.x, the organization for 2.x).", nameof(Org));
                }

                if (Bucket is not null && string.IsNullOrWhiteSpace(Bucket))
                {
                    throw new ArgumentException("InfluxStoreOptions.Bucket is blank; leave it null for \"database/retention-policy\".", nameof(Bucket));
                }

                if (Bucket is null && Database.Contains('/', StringComparison.Ordinal))
                {
                    throw new ArgumentException($"InfluxStoreOptions.Database '{Database}' contains '/', which the default bucket \"database/retention-policy\" cannot carry; set InfluxStoreOptions.Bucket.", nameof(Database));
                }

                break;
            default:
                throw new ArgumentException($"InfluxStoreOptions.WriteApi {(int)WriteApi} is not V1 or V2.", nameof(WriteApi));
        }
    }
}
