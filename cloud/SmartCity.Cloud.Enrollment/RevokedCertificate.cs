namespace SmartCity.Cloud.Enrollment;

/// <summary>A revoked device certificate.</summary>
public sealed record RevokedCertificate
{
    /// <summary>Device id (the certificate's CN).</summary>
    public required string Device { get; init; }

    /// <summary>Serial number, upper-case hex.</summary>
    public required string SerialNumber { get; init; }

    /// <summary>When it was revoked (UTC).</summary>
    public required DateTimeOffset RevokedAt { get; init; }
}
