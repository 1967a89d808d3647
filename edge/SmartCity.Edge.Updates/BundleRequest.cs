namespace SmartCity.Edge.Updates;

/// <summary>What the signer is asked to put into a bundle.</summary>
public sealed record BundleRequest
{
    /// <summary>What the bundle updates.</summary>
    public required BundleKind Kind { get; init; }

    /// <summary>Model or configuration name.</summary>
    public required string Name { get; init; }

    /// <summary>Monotonic version per kind (≥ 1).</summary>
    public required long Version { get; init; }

    /// <summary>Target device ids (at least one).</summary>
    public required IReadOnlyList<string> Targets { get; init; }

    /// <summary>How long the bundle stays valid after signing.</summary>
    public TimeSpan ValidFor { get; init; } = TimeSpan.FromDays(30);

    /// <summary>Payload files on disk; each is stored under its file name.</summary>
    public required IReadOnlyList<string> Files { get; init; }
}
