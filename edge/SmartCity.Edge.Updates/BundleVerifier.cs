using System.Security.Cryptography;
using System.Text.Json;
using SmartCity.Contracts;

namespace SmartCity.Edge.Updates;

/// <summary>
/// Decides whether a bundle may be installed on this device: signed by a trusted key over the canonical manifest,
/// meant for this device, not expired, newer than what is installed, and every file exactly as signed. The checks
/// run in that order, so a refusal names the first thing wrong; nothing in the manifest is believed before the
/// signature checks out.
/// </summary>
public sealed class BundleVerifier
{
    private readonly IReadOnlyList<ECDsa> _trustedKeys;
    private readonly string[] _trustedKeyIds;
    private readonly string _deviceId;
    private readonly TimeProvider _time;

    /// <summary>Creates a verifier for <paramref name="deviceId"/> trusting <paramref name="trustedKeys"/> (more than one during a key rotation).</summary>
    public BundleVerifier(string deviceId, IReadOnlyList<ECDsa> trustedKeys, TimeProvider? time = null, UpdateCounters? counters = null)
    {
        DeviceIds.EnsureValid(deviceId, nameof(deviceId));
        ArgumentNullException.ThrowIfNull(trustedKeys);
        if (trustedKeys.Count == 0)
        {
            throw new ArgumentException("At least one trusted public key is needed.", nameof(trustedKeys));
        }

        _deviceId = deviceId;
        _trustedKeys = trustedKeys;
        _trustedKeyIds = [.. trustedKeys.Select(BundleSigningKey.ComputeKeyId)];
        _time = time ?? TimeProvider.System;
        Counters = counters ?? new UpdateCounters();
    }

    /// <summary>How far in the future a bundle's creation time may be (device clocks drift before NTP syncs).</summary>
    public TimeSpan AllowedClockSkew { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Counters of refusals (shared with the installer).</summary>
    public UpdateCounters Counters { get; }

    /// <summary>The device this verifier accepts bundles for.</summary>
    public string DeviceId => _deviceId;

    /// <summary>Opens and verifies a bundle file; every refusal is counted.</summary>
    /// <param name="path">The bundle file.</param>
    /// <param name="expectedKind">The kind the command asked for; null accepts either.</param>
    /// <param name="installedVersion">The version of that kind installed now (0 when none).</param>
    public BundleVerification Verify(string path, BundleKind? expectedKind, long installedVersion)
    {
        SignedBundle bundle;
        try
        {
            bundle = SignedBundle.Open(path);
        }
        catch (BundleFormatException ex)
        {
            return Count(BundleVerification.Refuse(BundleRefusal.Malformed, ex.Message));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Count(BundleVerification.Refuse(BundleRefusal.Malformed, $"{path}: cannot read: {ex.Message}"));
        }

        using (bundle)
        {
            return Verify(bundle, expectedKind, installedVersion);
        }
    }

    /// <summary>Verifies an opened bundle; every refusal is counted.</summary>
    public BundleVerification Verify(SignedBundle bundle, BundleKind? expectedKind, long installedVersion)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        return Count(Check(bundle, expectedKind, installedVersion));
    }

    private BundleVerification Count(BundleVerification verdict)
    {
        if (verdict.Refusal is { } refusal)
        {
            Counters.CountRefused(refusal);
        }

        return verdict;
    }

    private BundleVerification Check(SignedBundle bundle, BundleKind? expectedKind, long installedVersion)
    {
        string source = bundle.SourcePath;
        if (bundle.Signature is null || bundle.Signature.Length == 0)
        {
            return BundleVerification.Refuse(BundleRefusal.Unsigned, $"{source}: the bundle has no {BundleFormat.SignatureEntry}.");
        }

        var manifestBytes = bundle.ManifestBytes.Span;
        bool signed = false;
        foreach (var key in _trustedKeys)
        {
            if (BundleSigningKey.Verify(key, manifestBytes, bundle.Signature))
            {
                signed = true;
                break;
            }
        }

        BundleManifest? manifest = TryParse(manifestBytes, out string? parseError);
        if (!signed)
        {
            // Only now is the unverified key id read, and only to word the refusal.
            if (manifest is not null && !_trustedKeyIds.Contains(manifest.KeyId, StringComparer.Ordinal))
            {
                return BundleVerification.Refuse(
                    BundleRefusal.UnknownKey,
                    $"{source}: signed by key {manifest.KeyId}, which this device does not trust (trusted: {string.Join(", ", _trustedKeyIds)}).");
            }

            return BundleVerification.Refuse(
                BundleRefusal.BadSignature,
                bundle.Signature.Length != BundleSigningKey.SignatureLength
                    ? $"{source}: the signature has {bundle.Signature.Length} bytes, a P-256 signature has {BundleSigningKey.SignatureLength}."
                    : $"{source}: the signature does not match the manifest (manifest or signature altered).");
        }

        if (manifest is null)
        {
            return BundleVerification.Refuse(BundleRefusal.Malformed, $"{source}: {BundleFormat.ManifestEntry}: {parseError}");
        }

        if (!manifestBytes.SequenceEqual(BundleWriter.ToCanonicalBytes(manifest)))
        {
            return BundleVerification.Refuse(BundleRefusal.Malformed, $"{source}: {BundleFormat.ManifestEntry} is not in canonical form.", manifest);
        }

        if (!string.Equals(manifest.Format, BundleManifest.CurrentFormat, StringComparison.Ordinal))
        {
            return BundleVerification.Refuse(BundleRefusal.Malformed, $"{source}: format '{manifest.Format}' is not '{BundleManifest.CurrentFormat}'.", manifest);
        }

        string what = $"{manifest.Kind.ToName()} bundle '{manifest.Name}' v{manifest.Version}";
        if (expectedKind is { } kind && manifest.Kind != kind)
        {
            return BundleVerification.Refuse(BundleRefusal.WrongKind, $"{what} is not a {kind.ToName()} bundle.", manifest);
        }

        if (!manifest.Targets.Contains(_deviceId, StringComparer.Ordinal))
        {
            string targets = manifest.Targets.Count <= 5 ? string.Join(", ", manifest.Targets) : $"{string.Join(", ", manifest.Targets.Take(5))} and {manifest.Targets.Count - 5} more";
            return BundleVerification.Refuse(BundleRefusal.WrongDevice, $"{what} targets {targets}, not {_deviceId}.", manifest);
        }

        var now = _time.GetUtcNow();
        if (now > manifest.Expires)
        {
            return BundleVerification.Refuse(BundleRefusal.Expired, $"{what} expired at {manifest.Expires:u} (device clock {now:u}).", manifest);
        }

        if (manifest.Created > now + AllowedClockSkew)
        {
            return BundleVerification.Refuse(
                BundleRefusal.NotYetValid,
                $"{what} was created at {manifest.Created:u}, after the device clock {now:u} plus {AllowedClockSkew.TotalMinutes:F0} min: check the clock.",
                manifest);
        }

        if (manifest.Version <= installedVersion)
        {
            return BundleVerification.Refuse(BundleRefusal.Replayed, $"{what} is not newer than the installed v{installedVersion}.", manifest);
        }

        if (!bundle.TryCheckFiles(manifest, out string? problem))
        {
            return BundleVerification.Refuse(BundleRefusal.FileMismatch, $"{what}: {problem}.", manifest);
        }

        return new BundleVerification { Manifest = manifest, Message = $"{what} signed by key {manifest.KeyId} is valid for {_deviceId}." };
    }

    private static BundleManifest? TryParse(ReadOnlySpan<byte> bytes, out string? error)
    {
        try
        {
            var manifest = JsonSerializer.Deserialize(bytes, BundleJsonContext.Default.BundleManifest);
            if (manifest is null)
            {
                error = "the manifest is JSON null";
                return null;
            }

            foreach (var file in manifest.Files)
            {
                if (!BundleFormat.IsValidFileName(file.Path) || file.Size < 0 || file.Size > BundleFormat.MaxFileBytes || file.Sha256.Length != 64)
                {
                    error = $"file entry '{file.Path}' is not valid (name, size or sha256)";
                    return null;
                }
            }

            error = null;
            return manifest;
        }
        catch (JsonException ex)
        {
            error = $"not a valid manifest: {ex.Message}";
            return null;
        }
    }
}
