using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using SmartCity.Contracts;

namespace SmartCity.Edge.Updates;

/// <summary>Builds and signs bundles (the signing tool and the tests use it; devices only verify).</summary>
public static class BundleWriter
{
    /// <summary>The canonical bytes of a manifest: what is stored as <c>manifest.json</c> and signed.</summary>
    public static byte[] ToCanonicalBytes(BundleManifest manifest) =>
        JsonSerializer.SerializeToUtf8Bytes(manifest, BundleJsonContext.Default.BundleManifest);

    /// <summary>Hashes the files, writes the manifest, signs it with <paramref name="signingKey"/> and writes the bundle.</summary>
    /// <returns>The manifest written.</returns>
    /// <exception cref="ArgumentException">A bad name, version, target, file name or duplicate file.</exception>
    public static BundleManifest Create(string outputPath, BundleRequest request, ECDsa signingKey, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(signingKey);
        ArgumentException.ThrowIfNullOrEmpty(outputPath);
        var manifest = BuildManifest(request, signingKey, time ?? TimeProvider.System);
        byte[] manifestBytes = ToCanonicalBytes(manifest);
        byte[] signature = BundleSigningKey.Sign(signingKey, manifestBytes);
        WriteArchive(outputPath, manifestBytes, signature, request.Files);
        return manifest;
    }

    /// <summary>Writes an archive from given parts as they are (the tests use it to build broken bundles).</summary>
    public static void WriteArchive(string outputPath, ReadOnlySpan<byte> manifestBytes, byte[]? signature, IReadOnlyList<string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        string temp = outputPath + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            using (var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
            {
                using (var entry = archive.CreateEntry(BundleFormat.ManifestEntry, CompressionLevel.NoCompression).Open())
                {
                    entry.Write(manifestBytes);
                }

                if (signature is not null)
                {
                    using var entry = archive.CreateEntry(BundleFormat.SignatureEntry, CompressionLevel.NoCompression).Open();
                    entry.Write(signature);
                }

                foreach (string file in files)
                {
                    archive.CreateEntryFromFile(file, BundleFormat.FilesPrefix + Path.GetFileName(file), CompressionLevel.Optimal);
                }
            }

            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, outputPath, overwrite: true);
    }

    private static BundleManifest BuildManifest(BundleRequest request, ECDsa signingKey, TimeProvider time)
    {
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 128)
        {
            throw new ArgumentException($"Bundle name '{request.Name}' must be 1-128 characters.", nameof(request));
        }

        if (request.Version < 1)
        {
            throw new ArgumentException($"Bundle version {request.Version} must be 1 or more.", nameof(request));
        }

        if (request.Targets.Count is 0 or > BundleFormat.MaxTargets)
        {
            throw new ArgumentException($"A bundle needs 1-{BundleFormat.MaxTargets} target devices, got {request.Targets.Count}.", nameof(request));
        }

        foreach (string target in request.Targets)
        {
            DeviceIds.EnsureValid(target, nameof(request));
        }

        if (request.Files.Count is 0 or > BundleFormat.MaxFiles)
        {
            throw new ArgumentException($"A bundle needs 1-{BundleFormat.MaxFiles} files, got {request.Files.Count}.", nameof(request));
        }

        if (request.ValidFor <= TimeSpan.Zero)
        {
            throw new ArgumentException($"Validity {request.ValidFor} must be positive.", nameof(request));
        }

        var entries = new List<BundleFileEntry>(request.Files.Count);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (string file in request.Files)
        {
            string name = Path.GetFileName(file);
            if (!BundleFormat.IsValidFileName(name))
            {
                throw new ArgumentException($"{file}: file name '{name}' must be 1-128 characters of A-Z, a-z, 0-9, '.', '_', '-' and not start with '.'.", nameof(request));
            }

            if (!names.Add(name))
            {
                throw new ArgumentException($"{file}: a file named '{name}' is already in the bundle.", nameof(request));
            }

            using var stream = File.OpenRead(file);
            if (stream.Length > BundleFormat.MaxFileBytes)
            {
                throw new ArgumentException($"{file}: {stream.Length} bytes, more than the {BundleFormat.MaxFileBytes} a bundle file may have.", nameof(request));
            }

            entries.Add(new BundleFileEntry { Path = name, Sha256 = Convert.ToHexStringLower(SHA256.HashData(stream)), Size = stream.Length });
        }

        // Canonical times: UTC, whole seconds, so a parse and re-serialise gives the same bytes.
        var now = time.GetUtcNow();
        var created = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        return new BundleManifest
        {
            Format = BundleManifest.CurrentFormat,
            Kind = request.Kind,
            Name = request.Name,
            Version = request.Version,
            Created = created,
            Expires = created + TimeSpan.FromSeconds(Math.Ceiling(request.ValidFor.TotalSeconds)),
            Targets = [.. request.Targets],
            KeyId = BundleSigningKey.ComputeKeyId(signingKey),
            Files = entries,
        };
    }
}
