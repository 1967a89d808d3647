namespace SmartCity.Edge.Agent.Configuration;

/// <summary>
/// Where the device sends its summaries (section <c>uplink</c> of the device configuration file). Without this
/// section the agent only shows its counts on the console; with it, every interval summary goes through the disk
/// outbox to the MQTT broker (QoS 1, store-and-forward).
/// </summary>
public sealed class UplinkSettings
{
    /// <summary>Default outbox quota: 64 MiB, far more than 72 hours of one-minute summaries (about 1 KB each).</summary>
    public const long DefaultOutboxQuotaBytes = 64L * 1024 * 1024;

    /// <summary>Broker host name or address.</summary>
    public string Host { get; set; } = "localhost";

    /// <summary>Broker port; 0 picks 8883 with TLS and 1883 without.</summary>
    public int Port { get; set; }

    /// <summary>Connect over TLS 1.2/1.3.</summary>
    public bool Tls { get; set; }

    /// <summary>PEM file of the CA that signed the broker certificate; null trusts the system store.</summary>
    public string? CaCertificate { get; set; }

    /// <summary>PEM file of the device's client certificate (mutual TLS; its CN must be the device id).</summary>
    public string? ClientCertificate { get; set; }

    /// <summary>PEM file of the client certificate's private key.</summary>
    public string? ClientKey { get; set; }

    /// <summary>MQTT username; must equal the device id where the broker confines devices by user name. Null: none.</summary>
    public string? Username { get; set; }

    /// <summary>MQTT password (only over TLS outside a lab).</summary>
    public string? Password { get; set; }

    /// <summary>Outbox folder; relative paths are taken from the working directory. Default <c>outbox/{device id}</c>.</summary>
    public string? OutboxDirectory { get; set; }

    /// <summary>Most bytes the outbox keeps on disk; past it the oldest segments are dropped (counted, reported in health).</summary>
    public long OutboxQuotaBytes { get; set; } = DefaultOutboxQuotaBytes;

    /// <summary>How long the broker keeps the device's session after a disconnect (MQTT 5 session expiry).</summary>
    public TimeSpan SessionExpiry { get; set; } = TimeSpan.FromHours(72);

    /// <summary>How often a health message is sent.</summary>
    public TimeSpan HealthPeriod { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Send per-object line crossings on the <c>events</c> topic (opt-in; off by default).</summary>
    public bool CrossingEvents { get; set; }

    /// <summary>Firmware (OS image) version reported in the status message; null reads <c>/etc/smartcity-release</c> if present.</summary>
    public string? Firmware { get; set; }

    /// <summary>The outbox folder actually used for <paramref name="deviceId"/>.</summary>
    public string ResolveOutboxDirectory(string deviceId) =>
        Path.GetFullPath(string.IsNullOrWhiteSpace(OutboxDirectory) ? Path.Combine("outbox", deviceId) : OutboxDirectory);

    /// <summary>Throws <see cref="ArgumentException"/> naming the key (<c>Uplink:Host</c> …) that is wrong.</summary>
    public void Validate(string section)
    {
        if (string.IsNullOrWhiteSpace(Host) || Host.AsSpan().IndexOfAny(" /\t") >= 0)
        {
            throw new ArgumentException($"{section}:Host: '{Host}' must name the broker (a host name or address, no scheme or path).");
        }

        if (Port is < 0 or > 65535)
        {
            throw new ArgumentException($"{section}:Port: {Port} must be 0 (default: 1883, or 8883 with TLS) or 1–65535.");
        }

        if ((ClientCertificate is null) != (ClientKey is null))
        {
            throw new ArgumentException($"{section}:ClientCertificate and {section}:ClientKey must be given together.");
        }

        if (!Tls && (ClientCertificate is not null || CaCertificate is not null))
        {
            throw new ArgumentException($"{section}:Tls: CaCertificate/ClientCertificate need \"tls\": true.");
        }

        RequireFile(CaCertificate, $"{section}:CaCertificate");
        RequireFile(ClientCertificate, $"{section}:ClientCertificate");
        RequireFile(ClientKey, $"{section}:ClientKey");
        if (Password is not null && string.IsNullOrEmpty(Username))
        {
            throw new ArgumentException($"{section}:Password is set without {section}:Username.");
        }

        if (OutboxQuotaBytes < 1024 * 1024)
        {
            throw new ArgumentException($"{section}:OutboxQuotaBytes: {OutboxQuotaBytes} bytes is below the minimum of 1 MiB (1048576).");
        }

        if (SessionExpiry <= TimeSpan.Zero || SessionExpiry > TimeSpan.FromSeconds(uint.MaxValue))
        {
            throw new ArgumentException($"{section}:SessionExpiry: {SessionExpiry} must be above zero and at most {TimeSpan.FromSeconds(uint.MaxValue)}.");
        }

        if (HealthPeriod < TimeSpan.FromSeconds(1) || HealthPeriod > TimeSpan.FromDays(1) || HealthPeriod.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            throw new ArgumentException($"{section}:HealthPeriod: {HealthPeriod} must be whole seconds between 00:00:01 and 1.00:00:00.");
        }

        if (Firmware is { } f && (f.Length is 0 or > 64 || f.Any(char.IsControl)))
        {
            throw new ArgumentException($"{section}:Firmware: '{f}' must be 1–64 printable characters.");
        }
    }

    private static void RequireFile(string? path, string key)
    {
        if (path is not null && !File.Exists(path))
        {
            throw new ArgumentException($"{key}: file '{path}' does not exist.");
        }
    }
}
