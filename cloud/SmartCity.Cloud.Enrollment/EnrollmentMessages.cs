namespace SmartCity.Cloud.Enrollment;

/// <summary>Body of <c>POST …/enroll</c>.</summary>
public sealed record EnrollmentRequest
{
    /// <summary>The one-time token the technician got for this device.</summary>
    public string? Token { get; init; }

    /// <summary>The device's PKCS#10 CSR (PEM), CN = device id, ECDSA P-256.</summary>
    public string? Csr { get; init; }
}

/// <summary>The broker a device connects to.</summary>
public sealed record BrokerEndpoint
{
    /// <summary>Host name.</summary>
    public required string Host { get; init; }

    /// <summary>TLS port.</summary>
    public required int Port { get; init; }
}

/// <summary>Answer of a successful enrollment.</summary>
public sealed record EnrollmentResponse
{
    /// <summary>The device id (CN of the certificate).</summary>
    public required string Device { get; init; }

    /// <summary>The device's client certificate (PEM).</summary>
    public required string Certificate { get; init; }

    /// <summary>The device CA (PEM); the device also uses it to trust the broker when the broker's certificate comes from it.</summary>
    public required string CaCertificate { get; init; }

    /// <summary>Where to connect.</summary>
    public required BrokerEndpoint Broker { get; init; }

    /// <summary>Certificate expiry (UTC).</summary>
    public required DateTimeOffset NotAfter { get; init; }
}

/// <summary>Body of the admin token request.</summary>
public sealed record TokenRequest
{
    /// <summary>The device to enroll.</summary>
    public string? Device { get; init; }

    /// <summary>Validity; null: the configured default.</summary>
    public TimeSpan? ValidFor { get; init; }
}

/// <summary>A freshly created token: shown once, never stored in clear.</summary>
public sealed record TokenResponse
{
    /// <summary>The device.</summary>
    public required string Device { get; init; }

    /// <summary>The token text.</summary>
    public required string Token { get; init; }

    /// <summary>Expiry (UTC).</summary>
    public required DateTimeOffset Expires { get; init; }
}
