namespace SmartCity.Edge.Provisioning;

/// <summary>What the technician gives <c>provision</c>.</summary>
public sealed record ProvisioningRequest
{
    /// <summary>The device id (from the asset register / work order).</summary>
    public required string DeviceId { get; init; }

    /// <summary>Site name written into the configuration.</summary>
    public required string Site { get; init; }

    /// <summary>The one-time enrollment token.</summary>
    public required string Token { get; init; }

    /// <summary>Address of the cloud (scheme, host, port), e.g. <c>https://city.example</c>.</summary>
    public required Uri Cloud { get; init; }

    /// <summary>Folder for device.key.pem (0600), device.crt.pem and ca.crt.pem.</summary>
    public required string IdentityFolder { get; init; }

    /// <summary>Device configuration template.</summary>
    public required string TemplatePath { get; init; }

    /// <summary>Where the device configuration is written.</summary>
    public required string ConfigPath { get; init; }

    /// <summary>Replace an existing configuration file and certificate (the key is always kept when present).</summary>
    public bool Force { get; init; }
}

/// <summary>What <c>provision</c> did.</summary>
public sealed record ProvisioningResult
{
    /// <summary>True when the key pair was generated now (false: an existing device key was reused).</summary>
    public required bool KeyCreated { get; init; }

    /// <summary>The private key file.</summary>
    public required string KeyPath { get; init; }

    /// <summary>The client certificate file.</summary>
    public required string CertificatePath { get; init; }

    /// <summary>The CA certificate file.</summary>
    public required string CaCertificatePath { get; init; }

    /// <summary>The configuration written.</summary>
    public required string ConfigPath { get; init; }

    /// <summary>The broker from the enrollment.</summary>
    public required EnrollmentBroker Broker { get; init; }

    /// <summary>Certificate expiry (UTC).</summary>
    public required DateTimeOffset NotAfter { get; init; }

    /// <summary>The QR code of the device id (text).</summary>
    public required string QrCode { get; init; }
}
