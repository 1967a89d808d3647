using SmartCity.Cloud.Storage.Influx;

namespace SmartCity.Cloud.Server;

/// <summary>Settings of one server run (the command line's options).</summary>
internal sealed class ServerOptions
{
    /// <summary>Default HTTP port of the API/dashboard on 127.0.0.1.</summary>
    public const int DefaultHttpPort = 8080;

    /// <summary>Default MQTT port of the embedded broker on 127.0.0.1.</summary>
    public const int DefaultBrokerPort = 1883;

    /// <summary>Default port of the embedded broker's mutual-TLS endpoint for enrolled devices.</summary>
    public const int DefaultBrokerTlsPort = 8883;

    /// <summary>Address the HTTP server (dashboard, API, enrollment) and the broker's TLS endpoint bind to (default loopback;
    /// 0.0.0.0 in a container or to reach it from devices on the network).</summary>
    public System.Net.IPAddress Listen { get; set; } = System.Net.IPAddress.Loopback;

    /// <summary>Host name or address handed to enrolled devices for the broker and used in bundle URLs; null: the listen
    /// address, or this machine's host name when listening on all interfaces.</summary>
    public string? PublicHost { get; set; }

    /// <summary>Port of the embedded broker's mutual-TLS endpoint (devices provisioned at /api/enroll); 0 picks one.</summary>
    public int BrokerTlsPort { get; set; } = DefaultBrokerTlsPort;

    /// <summary>Whether <see cref="BrokerTlsPort"/> was given explicitly.</summary>
    public bool BrokerTlsPortExplicit { get; set; }

    /// <summary>Password of the first dashboard admin account (null: a one-time password is printed at first start).</summary>
    public string? AdminPassword { get; set; }

    /// <summary>External broker user name (ingest and command publisher).</summary>
    public string? ExternalBrokerUsername { get; set; }

    /// <summary>External broker password.</summary>
    public string? ExternalBrokerPassword { get; set; }

    /// <summary>Connect to the external broker over TLS.</summary>
    public bool ExternalBrokerTls { get; set; }

    /// <summary>CA certificate (PEM) the external broker's certificate must chain to.</summary>
    public string? ExternalBrokerCa { get; set; }

    /// <summary>Client certificate (PEM) for the external broker.</summary>
    public string? ExternalBrokerCertificate { get; set; }

    /// <summary>Client key (PEM) for the external broker.</summary>
    public string? ExternalBrokerKey { get; set; }

    /// <summary>The host devices and bundle URLs use: <see cref="PublicHost"/>, else the listen address, else the host name.</summary>
    public string EffectivePublicHost => PublicHost
        ?? (Listen.Equals(System.Net.IPAddress.Any) || Listen.Equals(System.Net.IPAddress.IPv6Any) ? System.Net.Dns.GetHostName() : Listen.ToString());

    /// <summary>Simulated edge devices run in-process (0: none, only the cloud side).</summary>
    public int Devices { get; set; } = 3;

    /// <summary>Data folder (store, outboxes, dead letters); null: <see cref="DataFolders.Default"/>.</summary>
    public string? DataFolder { get; set; }

    /// <summary>HTTP port on 127.0.0.1; a busy default moves to a free port (said on the console); 0 picks one.</summary>
    public int HttpPort { get; set; } = DefaultHttpPort;

    /// <summary>Whether <see cref="HttpPort"/> was given explicitly (then a busy port is an error, not a move).</summary>
    public bool HttpPortExplicit { get; set; }

    /// <summary>Embedded broker port on 127.0.0.1; a busy default moves to a free port; 0 picks one.</summary>
    public int BrokerPort { get; set; } = DefaultBrokerPort;

    /// <summary>Whether <see cref="BrokerPort"/> was given explicitly.</summary>
    public bool BrokerPortExplicit { get; set; }

    /// <summary>Stop after this long (tests, CI); null runs until Ctrl+C.</summary>
    public TimeSpan? Duration { get; set; }

    /// <summary>InfluxDB 1.x base URL: store there instead of the embedded DuckDB file.</summary>
    public Uri? InfluxUrl { get; set; }

    /// <summary>InfluxDB database.</summary>
    public string InfluxDatabase { get; set; } = "smartcity";

    /// <summary>InfluxDB write endpoint: v1 <c>/write</c> (any 1.x) or v2 <c>/api/v2/write</c> through InfluxDB.Client (1.8+, 2.x, 3.x).</summary>
    public InfluxWriteApi InfluxWriteApi { get; set; } = InfluxWriteApi.V1;

    /// <summary>V2 writes: organization (null: "-", which InfluxDB 1.8 and 3.x ignore).</summary>
    public string? InfluxOrg { get; set; }

    /// <summary>V2 writes: bucket (null: the database, as InfluxDB 1.8 maps it).</summary>
    public string? InfluxBucket { get; set; }

    /// <summary>InfluxDB API token (v2 writes; reads when no user is given); "user:password" on InfluxDB 1.8.</summary>
    public string? InfluxToken { get; set; }

    /// <summary>InfluxDB user for basic authentication (reads, v1 writes; v2 writes send user:password when no token is given).</summary>
    public string? InfluxUsername { get; set; }

    /// <summary>InfluxDB password.</summary>
    public string? InfluxPassword { get; set; }

    /// <summary>Send CREATE DATABASE at start (InfluxDB 1.x); off for 2.x/3.x, where the bucket exists beforehand.</summary>
    public bool InfluxCreateDatabase { get; set; } = true;

    /// <summary>The InfluxDB store's options for these settings.</summary>
    public InfluxStoreOptions ToInfluxStoreOptions(IReadOnlyDictionary<string, string> deviceSites) => new()
    {
        ServerUri = InfluxUrl,
        Database = InfluxDatabase,
        WriteApi = InfluxWriteApi,
        Org = InfluxOrg ?? "-",
        Bucket = InfluxBucket,
        Token = InfluxToken,
        Username = InfluxUsername,
        Password = InfluxPassword,
        CreateDatabase = InfluxCreateDatabase,
        DeviceSites = deviceSites,
    };

    /// <summary>External broker host (no embedded broker); null: embedded.</summary>
    public string? ExternalBrokerHost { get; set; }

    /// <summary>External broker port.</summary>
    public int ExternalBrokerPort { get; set; } = DefaultBrokerPort;

    /// <summary>Length of the devices' traffic and air intervals (and their health period).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often the one-line summary is printed.</summary>
    public TimeSpan ReportEvery { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Do not pace the synthetic cameras at their frame rate (frame timestamps then run ahead of the clock).</summary>
    public bool Fast { get; set; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the option that is wrong.</summary>
    public void Validate()
    {
        if (Devices is < 0 or > 64)
        {
            throw new ArgumentException($"--devices {Devices}: must be 0–64 (each simulated device runs a real vision pipeline).");
        }

        if (HttpPort is < 0 or > 65535)
        {
            throw new ArgumentException($"--port {HttpPort}: must be 0–65535.");
        }

        if (BrokerPort is < 0 or > 65535)
        {
            throw new ArgumentException($"--broker-port {BrokerPort}: must be 0–65535.");
        }

        if (Duration is { } d && d <= TimeSpan.Zero)
        {
            throw new ArgumentException($"--duration {d.TotalSeconds} s: must be positive.");
        }

        // At least 5 s: the analytics call a gap of 2 s without frames a partial interval, which must fit inside one.
        if (Interval < TimeSpan.FromSeconds(5) || Interval.Ticks % TimeSpan.TicksPerSecond != 0 || TimeSpan.TicksPerDay % Interval.Ticks != 0)
        {
            throw new ArgumentException($"--interval {Interval.TotalSeconds} s: must be whole seconds, at least 5, that divide a day (e.g. 10, 60, 300, 900).");
        }

        if (ReportEvery < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentException("--report-every: must be at least 1 s.");
        }

        if (InfluxUrl is { } u && u.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"--influx {u}: must be an http:// or https:// URL.");
        }

        ValidateInflux();

        if (BrokerTlsPort is < 0 or > 65535)
        {
            throw new ArgumentException($"--broker-tls-port {BrokerTlsPort}: must be 0–65535.");
        }

        if (AdminPassword is { Length: < 12 })
        {
            throw new ArgumentException("--admin-password: must be at least 12 characters.");
        }

        if (ExternalBrokerHost is null && (ExternalBrokerUsername ?? ExternalBrokerPassword ?? ExternalBrokerCa ?? ExternalBrokerCertificate ?? ExternalBrokerKey) is not null)
        {
            throw new ArgumentException("--broker-username/--broker-password/--broker-ca/--broker-cert/--broker-key need --external-broker.");
        }

        if ((ExternalBrokerCertificate is null) != (ExternalBrokerKey is null))
        {
            throw new ArgumentException("--broker-cert and --broker-key go together.");
        }

        foreach (var (file, option) in new[] { (ExternalBrokerCa, "--broker-ca"), (ExternalBrokerCertificate, "--broker-cert"), (ExternalBrokerKey, "--broker-key") })
        {
            if (file is not null && !File.Exists(file))
            {
                throw new ArgumentException($"{option} {file}: no such file.");
            }
        }

        if (ExternalBrokerHost is not null && (string.IsNullOrWhiteSpace(ExternalBrokerHost) || ExternalBrokerPort is < 1 or > 65535))
        {
            throw new ArgumentException($"--external-broker {ExternalBrokerHost}:{ExternalBrokerPort}: must be host:port.");
        }
    }

    private void ValidateInflux()
    {
        if (InfluxUrl is null)
        {
            if (InfluxWriteApi != InfluxWriteApi.V1 || !InfluxCreateDatabase || (InfluxOrg ?? InfluxBucket ?? InfluxToken ?? InfluxUsername ?? InfluxPassword) is not null)
            {
                throw new ArgumentException("--influx-write/--influx-org/--influx-bucket/--influx-token/--influx-username/--influx-password/--influx-no-create need --influx.");
            }

            return;
        }

        if (InfluxWriteApi == InfluxWriteApi.V1 && (InfluxOrg ?? InfluxBucket) is not null)
        {
            throw new ArgumentException("--influx-org and --influx-bucket apply to --influx-write v2 only (v1 writes go to --influx-db).");
        }

        try
        {
            ToInfluxStoreOptions(new Dictionary<string, string>()).Validate();
        }
        catch (ArgumentException ex)
        {
            string option = ex.ParamName switch
            {
                nameof(InfluxStoreOptions.ServerUri) => "--influx",
                nameof(InfluxStoreOptions.Database) => "--influx-db",
                nameof(InfluxStoreOptions.Org) => "--influx-org",
                nameof(InfluxStoreOptions.Bucket) => "--influx-bucket",
                nameof(InfluxStoreOptions.Token) => "--influx-token",
                nameof(InfluxStoreOptions.Password) => "--influx-password",
                _ => "--influx-write",
            };
            string message = ex.ParamName is null ? ex.Message : ex.Message.Replace($" (Parameter '{ex.ParamName}')", "", StringComparison.Ordinal);
            throw new ArgumentException($"{option}: {message}", ex);
        }
    }

    /// <summary>Parses <c>host:port</c> (or <c>host</c>, port 1883) for <c>--external-broker</c>.</summary>
    public static bool TryParseHostPort(string text, out string host, out int port)
    {
        host = text;
        port = DefaultBrokerPort;
        if (string.IsNullOrWhiteSpace(text) || text[0] == ':')
        {
            return false;
        }

        int colon = text.LastIndexOf(':');
        if (colon > 0 && text.IndexOf(']', StringComparison.Ordinal) < colon)
        {
            host = text[..colon];
            if (!int.TryParse(text.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535)
            {
                return false;
            }
        }

        host = host.Trim('[', ']');
        return host.Length > 0;
    }
}
