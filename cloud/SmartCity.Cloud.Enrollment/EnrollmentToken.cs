namespace SmartCity.Cloud.Enrollment;

/// <summary>A one-time enrollment token as stored: only its SHA-256, never the token itself.</summary>
public sealed record EnrollmentToken
{
    /// <summary>Lower-case hex SHA-256 of the token text.</summary>
    public required string Hash { get; init; }

    /// <summary>The device the token enrolls.</summary>
    public required string Device { get; init; }

    /// <summary>Creation time (UTC).</summary>
    public required DateTimeOffset Created { get; init; }

    /// <summary>After this the token is refused.</summary>
    public required DateTimeOffset Expires { get; init; }

    /// <summary>When it was used; null while unused.</summary>
    public DateTimeOffset? Used { get; init; }
}
