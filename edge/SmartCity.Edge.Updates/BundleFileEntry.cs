namespace SmartCity.Edge.Updates;

/// <summary>One payload file of a bundle as the manifest lists it.</summary>
public sealed record BundleFileEntry
{
    /// <summary>File name inside the bundle's <c>files/</c> folder and inside the installed slot (no folders).</summary>
    public required string Path { get; init; }

    /// <summary>Lower-case hex SHA-256 of the file's bytes.</summary>
    public required string Sha256 { get; init; }

    /// <summary>Size in bytes.</summary>
    public required long Size { get; init; }
}
