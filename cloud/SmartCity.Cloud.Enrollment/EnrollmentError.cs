namespace SmartCity.Cloud.Enrollment;

/// <summary>Why an enrollment failed (each maps to one HTTP status).</summary>
public enum EnrollmentError
{
    /// <summary>The request is not well-formed (400).</summary>
    BadRequest,

    /// <summary>The CSR is invalid, not P-256 or for another device (400).</summary>
    BadCsr,

    /// <summary>No such token (401).</summary>
    UnknownToken,

    /// <summary>The token has expired (401).</summary>
    ExpiredToken,

    /// <summary>The token was already used (409).</summary>
    UsedToken,
}
