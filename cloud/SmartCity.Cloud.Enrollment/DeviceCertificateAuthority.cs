using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using SmartCity.Contracts;

namespace SmartCity.Cloud.Enrollment;

/// <summary>
/// The device CA: an ECDSA P-256 self-signed CA whose client certificates carry the device id as CN, so a broker with
/// <c>use_identity_as_username</c> confines each device to <c>smartcity/v1/{its id}/#</c>. It also issues the
/// certificate revocation list the broker checks.
/// </summary>
public sealed class DeviceCertificateAuthority : IDisposable
{
    /// <summary>File name of the CA certificate in the CA folder.</summary>
    public const string CertificateFile = "device-ca.crt.pem";

    /// <summary>File name of the CA private key (mode 0600).</summary>
    public const string KeyFile = "device-ca.key.pem";

    private static readonly Oid ClientAuth = new("1.3.6.1.5.5.7.3.2", "TLS Web Client Authentication");
    private readonly ECDsa _key;

    private DeviceCertificateAuthority(X509Certificate2 certificate, ECDsa key)
    {
        Certificate = certificate;
        _key = key;
    }

    /// <summary>The CA certificate (public part only).</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The CA certificate as PEM (what devices and the broker trust).</summary>
    public string CertificatePem => Certificate.ExportCertificatePem();

    /// <summary>Creates a new CA (10 years) with the subject <c>CN={commonName}</c>.</summary>
    public static DeviceCertificateAuthority Create(string commonName, TimeProvider? time = null, TimeSpan? validity = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(commonName);
        var now = (time ?? TimeProvider.System).GetUtcNow();
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var subject = new X500DistinguishedNameBuilder();
        subject.AddOrganizationName("SmartCity");
        subject.AddCommonName(commonName);
        var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        using var selfSigned = request.CreateSelfSigned(now.AddMinutes(-5), now + (validity ?? TimeSpan.FromDays(3650)));
        return new DeviceCertificateAuthority(X509CertificateLoader.LoadCertificate(selfSigned.RawData), key);
    }

    /// <summary>Loads the CA from <paramref name="folder"/>, or creates and saves one there when the folder has none.</summary>
    public static DeviceCertificateAuthority LoadOrCreate(string folder, string commonName, TimeProvider? time = null)
    {
        string certPath = Path.Combine(folder, CertificateFile);
        string keyPath = Path.Combine(folder, KeyFile);
        if (File.Exists(certPath) || File.Exists(keyPath))
        {
            return Load(certPath, keyPath);
        }

        var ca = Create(commonName, time);
        ca.Save(folder);
        return ca;
    }

    /// <summary>Loads a CA certificate and its key from PEM files.</summary>
    /// <exception cref="CryptographicException">Missing, unreadable or mismatched files; the message names them.</exception>
    public static DeviceCertificateAuthority Load(string certificatePath, string keyPath)
    {
        X509Certificate2 certificate;
        ECDsa key = ECDsa.Create();
        try
        {
            certificate = X509Certificate2.CreateFromPem(File.ReadAllText(certificatePath));
            key.ImportFromPem(File.ReadAllText(keyPath));
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or CryptographicException or UnauthorizedAccessException)
        {
            key.Dispose();
            throw new CryptographicException($"Device CA {certificatePath} / {keyPath}: cannot load: {ex.Message}", ex);
        }

        using var certKey = certificate.GetECDsaPublicKey();
        if (certKey is null || !certKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(key.ExportSubjectPublicKeyInfo()))
        {
            key.Dispose();
            throw new CryptographicException($"Device CA {keyPath} is not the key of {certificatePath}.");
        }

        return new DeviceCertificateAuthority(certificate, key);
    }

    /// <summary>Writes the certificate and the key (mode 0600) into <paramref name="folder"/>.</summary>
    public void Save(string folder)
    {
        PemFiles.WriteAtomic(Path.Combine(folder, KeyFile), _key.ExportPkcs8PrivateKeyPem() + "\n", secret: true);
        PemFiles.WriteAtomic(Path.Combine(folder, CertificateFile), CertificatePem + "\n", secret: false);
    }

    /// <summary>
    /// Signs a device's CSR. The CSR's signature must verify (the device holds the key), its key must be P-256,
    /// and its CN must be <paramref name="deviceId"/>; the certificate gets that CN, client-auth only, a random
    /// serial and <paramref name="validity"/>.
    /// </summary>
    /// <exception cref="EnrollmentException">The CSR is invalid, not P-256 or for another device.</exception>
    public X509Certificate2 SignDeviceCsr(string csrPem, string deviceId, TimeSpan validity, TimeProvider? time = null)
    {
        DeviceIds.EnsureValid(deviceId, nameof(deviceId));
        CertificateRequest csr;
        try
        {
            csr = CertificateRequest.LoadSigningRequestPem(csrPem, HashAlgorithmName.SHA256, CertificateRequestLoadOptions.Default);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            throw new EnrollmentException(EnrollmentError.BadCsr, $"the CSR is not a valid, self-signed PKCS#10 request: {ex.Message}", ex);
        }

        using (var publicKey = csr.PublicKey.GetECDsaPublicKey())
        {
            if (publicKey is null || publicKey.KeySize != 256)
            {
                throw new EnrollmentException(EnrollmentError.BadCsr, "the CSR's key is not an ECDSA P-256 key.");
            }
        }

        string? cn = CommonNameOf(csr.SubjectName);
        if (!string.Equals(cn, deviceId, StringComparison.Ordinal))
        {
            throw new EnrollmentException(EnrollmentError.BadCsr, $"the CSR is for CN '{cn}', the enrollment token is for device '{deviceId}'.");
        }

        var subject = new X500DistinguishedNameBuilder();
        subject.AddOrganizationName("SmartCity devices");
        subject.AddCommonName(deviceId);
        var request = new CertificateRequest(subject.Build(), csr.PublicKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ClientAuth], critical: false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, includeKeyIdentifier: true, includeIssuerAndSerial: false));

        var now = (time ?? TimeProvider.System).GetUtcNow();
        var notAfter = now + validity;
        if (notAfter > Certificate.NotAfter)
        {
            notAfter = Certificate.NotAfter;
        }

        byte[] serial = new byte[16];
        RandomNumberGenerator.Fill(serial);
        serial[0] &= 0x7F; // positive INTEGER
        var generator = X509SignatureGenerator.CreateForECDsa(_key);
        return request.Create(Certificate.SubjectName, generator, now.AddMinutes(-5), notAfter, serial);
    }

    /// <summary>
    /// A server certificate for the broker (or the enrollment endpoint) signed by this CA, so devices that trust the
    /// CA from their enrollment reply trust the broker too. A fresh P-256 key; the certificate carries it.
    /// </summary>
    public X509Certificate2 IssueServerCertificate(IReadOnlyList<string> dnsNames, IReadOnlyList<System.Net.IPAddress>? addresses = null, TimeSpan? validity = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(dnsNames);
        if (dnsNames.Count == 0)
        {
            throw new ArgumentException("A server certificate needs at least one DNS name.", nameof(dnsNames));
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={dnsNames[0]}", key, HashAlgorithmName.SHA256);
        var sans = new SubjectAlternativeNameBuilder();
        foreach (string name in dnsNames)
        {
            sans.AddDnsName(name);
        }

        foreach (var address in addresses ?? [])
        {
            sans.AddIpAddress(address);
        }

        request.CertificateExtensions.Add(sans.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1", "TLS Web Server Authentication")], critical: false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        var now = (time ?? TimeProvider.System).GetUtcNow();
        var notAfter = now + (validity ?? TimeSpan.FromDays(825));
        if (notAfter > Certificate.NotAfter)
        {
            notAfter = Certificate.NotAfter;
        }

        byte[] serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var certificate = request.Create(Certificate.SubjectName, X509SignatureGenerator.CreateForECDsa(_key), now.AddMinutes(-5), notAfter, serial);
        return certificate.CopyWithPrivateKey(key);
    }

    /// <summary>A CRL (PEM, for Mosquitto's <c>crlfile</c>) listing <paramref name="revoked"/>, valid for <paramref name="nextUpdate"/>.</summary>
    public string BuildCrlPem(IEnumerable<RevokedCertificate> revoked, BigInteger crlNumber, TimeSpan nextUpdate, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(revoked);
        var builder = new CertificateRevocationListBuilder();
        foreach (var entry in revoked)
        {
            builder.AddEntry(Convert.FromHexString(entry.SerialNumber), entry.RevokedAt, X509RevocationReason.KeyCompromise);
        }

        var now = (time ?? TimeProvider.System).GetUtcNow();
        using var withKey = Certificate.CopyWithPrivateKey(_key);
        byte[] der = builder.Build(withKey, crlNumber, now + nextUpdate, HashAlgorithmName.SHA256, thisUpdate: now);
        return PemEncoding.WriteString("X509 CRL", der);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Certificate.Dispose();
        _key.Dispose();
    }

    /// <summary>The CN of a distinguished name, or null.</summary>
    internal static string? CommonNameOf(X500DistinguishedName name)
    {
        foreach (var rdn in name.EnumerateRelativeDistinguishedNames())
        {
            if (rdn.GetSingleElementType().Value == "2.5.4.3")
            {
                return rdn.GetSingleElementValue();
            }
        }

        return null;
    }
}
