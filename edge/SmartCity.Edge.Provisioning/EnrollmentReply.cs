namespace SmartCity.Edge.Provisioning;

/// <summary>The cloud's answer to an enrollment (the device's copy of the contract).</summary>
public sealed record EnrollmentReply
{
    /// <summary>The device id (the certificate's CN).</summary>
    public required string Device { get; init; }

    /// <summary>The client certificate (PEM).</summary>
    public required string Certificate { get; init; }

    /// <summary>The device CA (PEM).</summary>
    public required string CaCertificate { get; init; }

    /// <summary>The broker to connect to.</summary>
    public required EnrollmentBroker Broker { get; init; }

    /// <summary>Certificate expiry (UTC).</summary>
    public DateTimeOffset NotAfter { get; init; }
}

/// <summary>Broker address from the enrollment.</summary>
public sealed record EnrollmentBroker
{
    /// <summary>Host name.</summary>
    public required string Host { get; init; }

    /// <summary>TLS port.</summary>
    public required int Port { get; init; }
}

/// <summary>Body sent to the enrollment endpoint.</summary>
public sealed record EnrollmentSubmission
{
    /// <summary>The one-time token.</summary>
    public required string Token { get; init; }

    /// <summary>The CSR (PEM).</summary>
    public required string Csr { get; init; }
}

/// <summary>The RFC 7807 problem body the cloud answers refusals with.</summary>
public sealed record EnrollmentProblem
{
    /// <summary>Short name (unknown_token, used_token …).</summary>
    public string? Title { get; init; }

    /// <summary>What was wrong.</summary>
    public string? Detail { get; init; }
}
