namespace SmartCity.Edge.Updates;

/// <summary>
/// The bundle file: a zip archive holding <c>manifest.json</c>, its detached signature <c>manifest.sig</c> (64
/// raw bytes) and the payload under <c>files/</c>. Limits keep a hostile archive from filling the disk.
/// </summary>
public static class BundleFormat
{
    /// <summary>The manifest entry.</summary>
    public const string ManifestEntry = "manifest.json";

    /// <summary>The detached signature entry.</summary>
    public const string SignatureEntry = "manifest.sig";

    /// <summary>Folder of the payload files inside the archive.</summary>
    public const string FilesPrefix = "files/";

    /// <summary>Largest manifest accepted.</summary>
    public const int MaxManifestBytes = 64 * 1024;

    /// <summary>Most payload files in one bundle.</summary>
    public const int MaxFiles = 64;

    /// <summary>Largest payload file (a model).</summary>
    public const long MaxFileBytes = 512L * 1024 * 1024;

    /// <summary>Most targets in one bundle.</summary>
    public const int MaxTargets = 10_000;

    /// <summary>
    /// True for a payload file name: 1-128 characters of <c>[A-Za-z0-9._-]</c>, not starting with '.' (no folders,
    /// so nothing can escape the slot it is extracted into).
    /// </summary>
    public static bool IsValidFileName(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 128 || name[0] == '.')
        {
            return false;
        }

        foreach (char c in name)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '.' or '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
