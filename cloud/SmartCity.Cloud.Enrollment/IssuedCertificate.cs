namespace SmartCity.Cloud.Enrollment;

/// <summary>A device certificate the CA issued.</summary>
public sealed record IssuedCertificate
{
    /// <summary>Device id (the certificate's CN).</summary>
    public required string Device { get; init; }

    /// <summary>Serial number, upper-case hex.</summary>
    public required string SerialNumber { get; init; }

    /// <summary>Issue time (UTC).</summary>
    public required DateTimeOffset IssuedAt { get; init; }

    /// <summary>Expiry (UTC).</summary>
    public required DateTimeOffset NotAfter { get; init; }
}
