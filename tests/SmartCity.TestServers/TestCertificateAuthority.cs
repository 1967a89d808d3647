using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SmartCity.TestServers;

/// <summary>
/// A throw-away CA in a folder: <c>ca.crt</c>, a server certificate for 127.0.0.1/localhost (<c>server.crt</c>,
/// <c>server.key</c>) and client certificates whose CN is a device id (Mosquitto <c>use_identity_as_username</c>).
/// ECDSA P-256, PEM files, valid from one hour ago for two days (one clock reading for all, so none outlives the CA).
/// </summary>
public sealed class TestCertificateAuthority : IDisposable
{
    private readonly X509Certificate2 _ca;
    private readonly DateTimeOffset _notBefore;

    private TestCertificateAuthority(string folder, X509Certificate2 ca, DateTimeOffset notBefore)
    {
        Folder = folder;
        _ca = ca;
        _notBefore = notBefore;
        CaCertificatePath = Path.Combine(folder, "ca.crt");
        ServerCertificatePath = Path.Combine(folder, "server.crt");
        ServerKeyPath = Path.Combine(folder, "server.key");
    }

    /// <summary>Folder holding the PEM files.</summary>
    public string Folder { get; }

    /// <summary>PEM of the CA certificate (the broker's <c>cafile</c>, the client's pinned CA).</summary>
    public string CaCertificatePath { get; }

    /// <summary>PEM of the server certificate (SAN 127.0.0.1, ::1, localhost).</summary>
    public string ServerCertificatePath { get; }

    /// <summary>PEM of the server key (PKCS#8).</summary>
    public string ServerKeyPath { get; }

    /// <summary>Creates the CA and the server certificate in <paramref name="folder"/>.</summary>
    public static TestCertificateAuthority Create(string folder)
    {
        Directory.CreateDirectory(folder);
        DateTimeOffset notBefore = DateTimeOffset.UtcNow.AddHours(-1);
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=SmartCity Test CA", caKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        X509Certificate2 ca = request.CreateSelfSigned(notBefore, notBefore.AddDays(2));
        var authority = new TestCertificateAuthority(folder, ca, notBefore);
        File.WriteAllText(authority.CaCertificatePath, ca.ExportCertificatePem());

        var sans = new SubjectAlternativeNameBuilder();
        sans.AddIpAddress(IPAddress.Loopback);
        sans.AddIpAddress(IPAddress.IPv6Loopback);
        sans.AddDnsName("localhost");
        authority.Issue("CN=localhost", authority.ServerCertificatePath, authority.ServerKeyPath, server: true, sans.Build());
        return authority;
    }

    /// <summary>Issues a client certificate with CN = <paramref name="deviceId"/>; returns the PEM paths.</summary>
    public (string CertificatePath, string KeyPath) IssueClient(string deviceId)
    {
        ArgumentException.ThrowIfNullOrEmpty(deviceId);
        string cert = Path.Combine(Folder, deviceId + ".crt");
        string key = Path.Combine(Folder, deviceId + ".key");
        Issue("CN=" + deviceId, cert, key, server: false, sans: null);
        return (cert, key);
    }

    /// <inheritdoc />
    public void Dispose() => _ca.Dispose();

    private void Issue(string subject, string certPath, string keyPath, bool server, X509Extension? sans)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyAgreement, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [server ? new Oid("1.3.6.1.5.5.7.3.1") : new Oid("1.3.6.1.5.5.7.3.2")], false));
        if (sans is not null)
        {
            request.CertificateExtensions.Add(sans);
        }

        byte[] serial = new byte[16];
        RandomNumberGenerator.Fill(serial);
        serial[0] &= 0x7F;
        using X509Certificate2 cert = request.Create(_ca, _notBefore, _notBefore.AddDays(1), serial);
        File.WriteAllText(certPath, cert.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
    }
}
