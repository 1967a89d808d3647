namespace SmartCity.Edge.Updates;

/// <summary>The verifier's verdict on a bundle: accepted with its manifest, or refused with a reason and a message.</summary>
public sealed record BundleVerification
{
    /// <summary>The manifest, when it could be read (also for most refusals, so they can name version and name).</summary>
    public BundleManifest? Manifest { get; init; }

    /// <summary>Why it was refused; null when accepted.</summary>
    public BundleRefusal? Refusal { get; init; }

    /// <summary>One line: what was refused and why, naming file, key, version or device.</summary>
    public required string Message { get; init; }

    /// <summary>True when the bundle may be installed.</summary>
    public bool Accepted => Refusal is null;

    internal static BundleVerification Refuse(BundleRefusal refusal, string message, BundleManifest? manifest = null) =>
        new() { Refusal = refusal, Message = $"{refusal.ToName()}: {message}", Manifest = manifest };
}
