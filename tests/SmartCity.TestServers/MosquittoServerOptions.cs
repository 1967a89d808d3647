namespace SmartCity.TestServers;

/// <summary>How <see cref="MosquittoServer"/> configures the broker it starts.</summary>
public sealed class MosquittoServerOptions
{
    /// <summary>The cloud ingest user: may read <c>smartcity/v1/#</c> and write <c>smartcity/v1/+/cmd/#</c>.</summary>
    public string IngestUser { get; set; } = "ingest";

    /// <summary>Password of <see cref="IngestUser"/>.</summary>
    public string IngestPassword { get; set; } = "ingest-secret";

    /// <summary>Device users (user name = device id) and their passwords. The ACL confines each to
    /// <c>smartcity/v1/{user}/#</c> (write) and <c>smartcity/v1/{user}/cmd/#</c> (read).</summary>
    public IDictionary<string, string> Devices { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Extra users with their own ACL lines (e.g. <c>topic write smartcity/v1/#</c> for a load generator that
    /// multiplexes many devices over one connection).</summary>
    public IDictionary<string, (string Password, IReadOnlyList<string> AclLines)> ExtraUsers { get; } =
        new Dictionary<string, (string, IReadOnlyList<string>)>(StringComparer.Ordinal);

    /// <summary>Also open a TLS listener (generated CA and server certificate, see <see cref="MosquittoServer.Certificates"/>).</summary>
    public bool EnableTls { get; set; }

    /// <summary>On the TLS listener, require a client certificate signed by the CA and take its CN as the user name
    /// (<c>require_certificate</c> + <c>use_identity_as_username</c>): the ACL then applies to the certificate's device.</summary>
    public bool RequireClientCertificate { get; set; }

    /// <summary>How often the broker saves its in-memory state (sessions, queued and retained messages) to the
    /// persistence file; null keeps Mosquitto's default of 30 minutes. What was not saved is lost on <c>kill -9</c>.</summary>
    public TimeSpan? AutosaveInterval { get; set; }

    /// <summary>QoS 1/2 messages queued per client beyond those in flight (Mosquitto's default of 1000 drops the rest
    /// silently, which would hide as loss under load); 0 = no limit.</summary>
    public int MaxQueuedMessages { get; set; }

    /// <summary>Outgoing QoS 1/2 messages in flight per MQTT 3 client; MQTT 5 clients set it with Receive Maximum. 0 = no limit.</summary>
    public int MaxInflightMessages { get; set; } = 20;

    /// <summary>Log every connect, subscribe and publish (<c>log_type all</c>); off keeps errors, warnings, notices and information.</summary>
    public bool VerboseLog { get; set; }

    /// <summary>Lines appended verbatim to the generated <c>mosquitto.conf</c> (before the listeners).</summary>
    public IList<string> ExtraConfig { get; } = [];

    /// <summary>Port of the plain listener; 0 picks a free loopback port.</summary>
    public int Port { get; set; }

    /// <summary>Port of the TLS listener; 0 picks a free loopback port.</summary>
    public int TlsPort { get; set; }

    /// <summary>How long <see cref="MosquittoServer.WaitReadyAsync"/> waits for the listeners.</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
