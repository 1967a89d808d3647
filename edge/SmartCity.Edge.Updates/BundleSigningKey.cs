using System.Security.Cryptography;

namespace SmartCity.Edge.Updates;

/// <summary>
/// ECDSA P-256 keys for bundles: the city's private signing key (PKCS#8 PEM, kept offline) and the public key every
/// device trusts (SubjectPublicKeyInfo PEM). Signatures are SHA-256, IEEE P1363 (r‖s, 64 bytes).
/// </summary>
public static class BundleSigningKey
{
    /// <summary>Length of a P-256 signature in IEEE P1363 form.</summary>
    public const int SignatureLength = 64;

    /// <summary>A fresh P-256 key pair.</summary>
    public static ECDsa Create() => ECDsa.Create(ECCurve.NamedCurves.nistP256);

    /// <summary>Loads a private (PKCS#8 or SEC1 "EC PRIVATE KEY") or public key from PEM text.</summary>
    /// <exception cref="CryptographicException">The PEM holds no P-256 key; the message names <paramref name="source"/>.</exception>
    public static ECDsa FromPem(string pem, string source)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
        }
        catch (ArgumentException ex)
        {
            key.Dispose();
            throw new CryptographicException($"{source}: no ECDSA key in PEM form: {ex.Message}", ex);
        }
        catch (CryptographicException ex)
        {
            key.Dispose();
            throw new CryptographicException($"{source}: cannot read the ECDSA key: {ex.Message}", ex);
        }

        if (key.KeySize != 256 || key.ExportParameters(false).Curve.Oid.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
        {
            key.Dispose();
            throw new CryptographicException($"{source}: the key is not on curve P-256.");
        }

        return key;
    }

    /// <summary>Loads a key from a PEM file.</summary>
    public static ECDsa Load(string path) => FromPem(File.ReadAllText(path), path);

    /// <summary>
    /// The key id: the first 16 hex digits of the SHA-256 of the public key's SubjectPublicKeyInfo, so a refusal can
    /// say which key signed a bundle without carrying the key.
    /// </summary>
    public static string ComputeKeyId(ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(key.ExportSubjectPublicKeyInfo(), hash);
        return Convert.ToHexStringLower(hash[..8]);
    }

    /// <summary>Signs <paramref name="data"/> (SHA-256, P1363).</summary>
    public static byte[] Sign(ECDsa key, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    /// <summary>True when <paramref name="signature"/> is <paramref name="key"/>'s signature of <paramref name="data"/>.</summary>
    public static bool Verify(ECDsa key, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        ArgumentNullException.ThrowIfNull(key);
        return signature.Length == SignatureLength
            && key.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }
}
