using System.Buffers;
using System.IO.Compression;
using System.Security.Cryptography;

namespace SmartCity.Edge.Updates;

/// <summary>
/// An opened bundle file: the manifest's raw bytes, the detached signature and access to the payload entries. It
/// trusts nothing: <see cref="BundleVerifier"/> decides; <see cref="ExtractTo"/> re-hashes while it writes.
/// </summary>
public sealed class SignedBundle : IDisposable
{
    private readonly ZipArchive _archive;
    private readonly Dictionary<string, ZipArchiveEntry> _files;

    private SignedBundle(string path, ZipArchive archive, byte[] manifestBytes, byte[]? signature, Dictionary<string, ZipArchiveEntry> files, List<string> unexpected)
    {
        SourcePath = path;
        _archive = archive;
        ManifestBytes = manifestBytes;
        Signature = signature;
        _files = files;
        UnexpectedEntries = unexpected;
    }

    /// <summary>The bundle file.</summary>
    public string SourcePath { get; }

    /// <summary>The exact bytes of <c>manifest.json</c> (what the signature covers).</summary>
    public ReadOnlyMemory<byte> ManifestBytes { get; }

    /// <summary>The bytes of <c>manifest.sig</c>; null when the archive has none.</summary>
    public byte[]? Signature { get; }

    /// <summary>Archive entries that are neither the manifest, the signature nor a file under <c>files/</c>.</summary>
    public IReadOnlyList<string> UnexpectedEntries { get; }

    /// <summary>Names of the payload entries present under <c>files/</c>.</summary>
    public IEnumerable<string> FileNames => _files.Keys;

    /// <summary>Opens a bundle file.</summary>
    /// <exception cref="BundleFormatException">Not a zip, no manifest, a manifest over the size limit, too many entries.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static SignedBundle Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024);
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: false);
        }
        catch (InvalidDataException ex)
        {
            stream.Dispose();
            throw new BundleFormatException($"{path}: not a bundle (not a zip archive): {ex.Message}", ex);
        }

        try
        {
            if (archive.Entries.Count > BundleFormat.MaxFiles + 2)
            {
                throw new BundleFormatException($"{path}: {archive.Entries.Count} entries, more than the {BundleFormat.MaxFiles + 2} a bundle may hold.");
            }

            byte[]? manifest = null;
            byte[]? signature = null;
            var files = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
            var unexpected = new List<string>();
            foreach (var entry in archive.Entries)
            {
                switch (entry.FullName)
                {
                    case BundleFormat.ManifestEntry:
                        manifest = ReadSmall(entry, BundleFormat.MaxManifestBytes, path);
                        break;
                    case BundleFormat.SignatureEntry:
                        signature = ReadSmall(entry, 1024, path);
                        break;
                    default:
                        string name = entry.FullName;
                        if (name.StartsWith(BundleFormat.FilesPrefix, StringComparison.Ordinal)
                            && BundleFormat.IsValidFileName(name[BundleFormat.FilesPrefix.Length..])
                            && files.TryAdd(name[BundleFormat.FilesPrefix.Length..], entry))
                        {
                            break;
                        }

                        unexpected.Add(name);
                        break;
                }
            }

            if (manifest is null)
            {
                throw new BundleFormatException($"{path}: no {BundleFormat.ManifestEntry} in the bundle.");
            }

            return new SignedBundle(path, archive, manifest, signature, files, unexpected);
        }
        catch
        {
            archive.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Checks each listed file against the archive: present, same size, same SHA-256; and no file the manifest does
    /// not list. False with the first problem otherwise.
    /// </summary>
    public bool TryCheckFiles(BundleManifest manifest, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (!TryMatchEntries(manifest, out problem))
        {
            return false;
        }

        foreach (var file in manifest.Files)
        {
            using var source = _files[file.Path].Open();
            if (!TryCopyHashed(source, Stream.Null, file, out problem))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Writes the listed files into <paramref name="folder"/> (created if needed), hashing as it writes and fsyncing
    /// each file. False with the problem when any file differs from the manifest; the caller discards the folder.
    /// </summary>
    public bool ExtractTo(BundleManifest manifest, string folder, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (!TryMatchEntries(manifest, out problem))
        {
            return false;
        }

        Directory.CreateDirectory(folder);
        foreach (var file in manifest.Files)
        {
            using var source = _files[file.Path].Open();
            using var target = new FileStream(Path.Combine(folder, file.Path), FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024);
            if (!TryCopyHashed(source, target, file, out problem))
            {
                return false;
            }

            target.Flush(flushToDisk: true);
        }

        return true;
    }

    /// <inheritdoc />
    public void Dispose() => _archive.Dispose();

    private bool TryMatchEntries(BundleManifest manifest, out string? problem)
    {
        foreach (var file in manifest.Files)
        {
            if (!_files.ContainsKey(file.Path))
            {
                problem = $"file '{file.Path}' is listed in the manifest but missing from the bundle";
                return false;
            }
        }

        if (UnexpectedEntries.Count > 0)
        {
            problem = $"entry '{UnexpectedEntries[0]}' is not part of the bundle format";
            return false;
        }

        foreach (string name in _files.Keys)
        {
            bool listed = false;
            foreach (var file in manifest.Files)
            {
                listed |= string.Equals(file.Path, name, StringComparison.Ordinal);
            }

            if (!listed)
            {
                problem = $"file '{name}' is in the bundle but not listed in the signed manifest";
                return false;
            }
        }

        problem = null;
        return true;
    }

    private static bool TryCopyHashed(Stream source, Stream target, BundleFileEntry file, out string? problem)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long total = 0;
            int read;
            while ((read = source.Read(buffer, 0, buffer.Length)) > 0)
            {
                total += read;
                if (total > file.Size)
                {
                    problem = $"file '{file.Path}' is larger than the {file.Size} bytes the manifest declares";
                    return false;
                }

                hash.AppendData(buffer, 0, read);
                target.Write(buffer, 0, read);
            }

            if (total != file.Size)
            {
                problem = $"file '{file.Path}' has {total} bytes, the manifest declares {file.Size}";
                return false;
            }

            string actual = Convert.ToHexStringLower(hash.GetHashAndReset());
            if (!string.Equals(actual, file.Sha256, StringComparison.Ordinal))
            {
                problem = $"file '{file.Path}' hashes to sha256 {actual}, the manifest declares {file.Sha256}";
                return false;
            }

            problem = null;
            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static byte[] ReadSmall(ZipArchiveEntry entry, int limit, string path)
    {
        if (entry.Length > limit)
        {
            throw new BundleFormatException($"{path}: {entry.FullName} has {entry.Length} bytes, more than the {limit} allowed.");
        }

        using var source = entry.Open();
        using var copy = new MemoryStream((int)entry.Length);
        var buffer = new byte[4096];
        int read;
        while ((read = source.Read(buffer, 0, buffer.Length)) > 0)
        {
            if (copy.Length + read > limit)
            {
                throw new BundleFormatException($"{path}: {entry.FullName} is larger than the {limit} bytes allowed.");
            }

            copy.Write(buffer, 0, read);
        }

        return copy.ToArray();
    }
}
