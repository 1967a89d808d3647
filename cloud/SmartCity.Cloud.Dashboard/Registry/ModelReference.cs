namespace SmartCity.Cloud.Dashboard.Registry;

/// <summary>
/// A device's <c>model_version</c> as the agent sends it: <c>name@version sha256:hex</c> (version and hash optional; the
/// wire contract v1 has no separate hash member, so it travels in the string).
/// </summary>
/// <param name="Name">Model name.</param>
/// <param name="Version">Model version, or null.</param>
/// <param name="Sha256">SHA-256 the device loaded, lower-case hex, or null.</param>
public sealed record ModelReference(string Name, string? Version, string? Sha256)
{
    /// <summary>Parses a <c>model_version</c> string; null for null or blank.</summary>
    public static ModelReference? Parse(string? modelVersion)
    {
        if (string.IsNullOrWhiteSpace(modelVersion))
        {
            return null;
        }

        string s = modelVersion.Trim();
        string? sha = null;
        int h = s.IndexOf(" sha256:", StringComparison.OrdinalIgnoreCase);
        if (h >= 0)
        {
            sha = s[(h + 8)..].Trim().ToLowerInvariant();
            s = s[..h].Trim();
        }

        int at = s.LastIndexOf('@');
        return at > 0 ? new ModelReference(s[..at], s[(at + 1)..], sha) : new ModelReference(s, null, sha);
    }

    /// <summary>True when this reference names <paramref name="card"/>: the same hash, or (without a hash) the same name and version.</summary>
    public bool Matches(ModelCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        if (Sha256 is not null)
        {
            return string.Equals(Sha256, card.Sha256, StringComparison.OrdinalIgnoreCase);
        }

        return string.Equals(Name, card.Name, StringComparison.Ordinal)
            && (Version is null || string.Equals(Version, card.Version, StringComparison.Ordinal));
    }
}
