namespace SmartCity.Cloud.Enrollment;

/// <summary>The enrollment state file (<c>enrollment.json</c>): tokens (hashed), issued and revoked certificates.</summary>
public sealed record EnrollmentState
{
    /// <summary>Tokens, used and unused (used ones are kept for the audit trail).</summary>
    public List<EnrollmentToken> Tokens { get; init; } = [];

    /// <summary>Certificates issued.</summary>
    public List<IssuedCertificate> Issued { get; init; } = [];

    /// <summary>Certificates revoked.</summary>
    public List<RevokedCertificate> Revoked { get; init; } = [];

    /// <summary>Number of the last CRL issued.</summary>
    public long CrlNumber { get; init; }
}
