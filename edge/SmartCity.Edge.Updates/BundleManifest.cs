using System.Text.Json.Serialization;

namespace SmartCity.Edge.Updates;

/// <summary>
/// The signed part of a bundle (<c>manifest.json</c>). The signature covers the exact bytes of the file, which the
/// signer writes in canonical form (UTF-8, no whitespace, this property order, times in UTC to the second); a
/// verifier refuses a manifest that is not canonical, so no two byte strings mean the same manifest.
/// </summary>
public sealed record BundleManifest
{
    /// <summary>The format tag every manifest carries.</summary>
    public const string CurrentFormat = "smartcity-bundle/1";

    /// <summary>Format tag, <see cref="CurrentFormat"/>.</summary>
    [JsonPropertyOrder(0)]
    public required string Format { get; init; }

    /// <summary>What the bundle updates.</summary>
    [JsonPropertyOrder(1)]
    public required BundleKind Kind { get; init; }

    /// <summary>Human-readable name (model name, configuration name).</summary>
    [JsonPropertyOrder(2)]
    public required string Name { get; init; }

    /// <summary>Monotonic version per kind; a device refuses a version not above the one installed.</summary>
    [JsonPropertyOrder(3)]
    public required long Version { get; init; }

    /// <summary>When the bundle was signed (UTC).</summary>
    [JsonPropertyOrder(4)]
    public required DateTimeOffset Created { get; init; }

    /// <summary>After this instant (UTC) a device refuses the bundle.</summary>
    [JsonPropertyOrder(5)]
    public required DateTimeOffset Expires { get; init; }

    /// <summary>Device ids the bundle is for; a device not listed refuses it.</summary>
    [JsonPropertyOrder(6)]
    public required IReadOnlyList<string> Targets { get; init; }

    /// <summary>Id of the signing key (<see cref="BundleSigningKey.ComputeKeyId"/>), so a refusal can name the key.</summary>
    [JsonPropertyOrder(7)]
    public required string KeyId { get; init; }

    /// <summary>The payload files with their hashes.</summary>
    [JsonPropertyOrder(8)]
    public required IReadOnlyList<BundleFileEntry> Files { get; init; }
}
