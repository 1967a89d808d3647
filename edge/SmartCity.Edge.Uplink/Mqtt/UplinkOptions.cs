using SmartCity.Contracts;

namespace SmartCity.Edge.Uplink.Mqtt;

/// <summary>How the device reaches the broker: endpoint, identity, TLS, session and retry settings.</summary>
/// <remarks>
/// Identity: the broker ACL (<c>pattern write smartcity/v1/%u/#</c>) confines a device to its own topics, so the MQTT
/// username or the client certificate's CN must equal <see cref="DeviceId"/>. Use either per-device credentials
/// (<see cref="Username"/>/<see cref="Password"/>, only over TLS in production) or a client certificate
/// (<see cref="ClientCertificatePath"/> + <see cref="ClientKeyPath"/>, PEM). <see cref="CaCertificatePath"/> pins the
/// broker's CA instead of the system store.
/// </remarks>
public sealed class UplinkOptions
{
    /// <summary>Device id: MQTT client id and the <c>{deviceId}</c> of every topic.</summary>
    public string DeviceId { get; set; } = "";

    /// <summary>Broker host name or address.</summary>
    public string Host { get; set; } = "localhost";

    /// <summary>Broker port; 0 picks 8883 with TLS and 1883 without.</summary>
    public int Port { get; set; }

    /// <summary>Connect over TLS 1.2/1.3.</summary>
    public bool UseTls { get; set; }

    /// <summary>PEM file of the CA that signed the broker certificate; null trusts the system store.</summary>
    public string? CaCertificatePath { get; set; }

    /// <summary>PEM file of the device's client certificate (mutual TLS); requires <see cref="ClientKeyPath"/>.</summary>
    public string? ClientCertificatePath { get; set; }

    /// <summary>PEM file of the client certificate's private key.</summary>
    public string? ClientKeyPath { get; set; }

    /// <summary>Per-device MQTT username; null when the certificate identifies the device.</summary>
    public string? Username { get; set; }

    /// <summary>Per-device MQTT password.</summary>
    public string? Password { get; set; }

    /// <summary>How long the broker keeps the session (subscriptions, queued commands) after a disconnect; MQTT 5 session expiry.</summary>
    public TimeSpan SessionExpiry { get; set; } = TimeSpan.FromHours(72);

    /// <summary>MQTT keep-alive; a dead link is noticed after about 1.5 × this.</summary>
    public TimeSpan KeepAlive { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Time allowed for the TCP/TLS/CONNECT handshake and for each PUBACK.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>First reconnect delay (before jitter).</summary>
    public TimeSpan ReconnectMinDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Cap of the exponentially growing reconnect delay.</summary>
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Records read from the outbox and checkpointed together.</summary>
    public int BatchSize { get; set; } = 64;

    /// <summary>QoS 1 publishes awaiting their PUBACK at once; more hides link latency when draining a backlog.</summary>
    public int MaxInFlight { get; set; } = 8;

    /// <summary>The port actually used.</summary>
    public int EffectivePort => Port != 0 ? Port : UseTls ? 8883 : 1883;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting that is wrong.</summary>
    public void Validate()
    {
        if (!DeviceIds.IsValid(DeviceId))
        {
            throw new ArgumentException($"Uplink option 'DeviceId' ('{DeviceId}') is not a valid device id.", nameof(DeviceId));
        }

        if (string.IsNullOrWhiteSpace(Host))
        {
            throw new ArgumentException("Uplink option 'Host' must name the broker.", nameof(Host));
        }

        if (Port is < 0 or > 65535)
        {
            throw new ArgumentException($"Uplink option 'Port' is {Port}; it must be 0 (default) or 1–65535.", nameof(Port));
        }

        if ((ClientCertificatePath is null) != (ClientKeyPath is null))
        {
            throw new ArgumentException("Uplink options 'ClientCertificatePath' and 'ClientKeyPath' must be given together.", nameof(ClientCertificatePath));
        }

        if (!UseTls && (ClientCertificatePath is not null || CaCertificatePath is not null))
        {
            throw new ArgumentException("Uplink options 'ClientCertificatePath'/'CaCertificatePath' need 'UseTls' = true.", nameof(UseTls));
        }

        RequireFile(CaCertificatePath, nameof(CaCertificatePath));
        RequireFile(ClientCertificatePath, nameof(ClientCertificatePath));
        RequireFile(ClientKeyPath, nameof(ClientKeyPath));
        if (Password is not null && string.IsNullOrEmpty(Username))
        {
            throw new ArgumentException("Uplink option 'Password' is set without 'Username'.", nameof(Password));
        }

        RequirePositive(SessionExpiry, nameof(SessionExpiry), TimeSpan.FromSeconds(uint.MaxValue));
        RequirePositive(KeepAlive, nameof(KeepAlive), TimeSpan.FromSeconds(ushort.MaxValue));
        RequirePositive(Timeout, nameof(Timeout), TimeSpan.FromHours(1));
        RequirePositive(ReconnectMinDelay, nameof(ReconnectMinDelay), ReconnectMaxDelay);
        if (BatchSize is < 1 or > 10_000)
        {
            throw new ArgumentException($"Uplink option 'BatchSize' is {BatchSize}; it must be 1–10000.", nameof(BatchSize));
        }

        if (MaxInFlight < 1 || MaxInFlight > BatchSize)
        {
            throw new ArgumentException($"Uplink option 'MaxInFlight' is {MaxInFlight}; it must be 1–BatchSize ({BatchSize}).", nameof(MaxInFlight));
        }
    }

    private static void RequireFile(string? path, string name)
    {
        if (path is not null && !File.Exists(path))
        {
            throw new ArgumentException($"Uplink option '{name}': file '{path}' does not exist.", name);
        }
    }

    private static void RequirePositive(TimeSpan value, string name, TimeSpan max)
    {
        if (value <= TimeSpan.Zero || value > max)
        {
            throw new ArgumentException($"Uplink option '{name}' is {value}; it must be above zero and at most {max}.", name);
        }
    }
}
