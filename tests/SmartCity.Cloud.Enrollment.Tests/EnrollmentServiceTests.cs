using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SmartCity.Cloud.Enrollment.Tests;

/// <summary>Device CA, one-time tokens, CSR signing and revocation, checked with .NET and with openssl.</summary>
public sealed class EnrollmentServiceTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "smartcity-enrollment-tests", Guid.NewGuid().ToString("N"));
    private readonly TestClock _clock = new(DateTimeOffset.UtcNow);
    private readonly EnrollmentService _service;

    public EnrollmentServiceTests() => _service = NewService();

    public void Dispose()
    {
        _service.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private EnrollmentService NewService() => new(new EnrollmentOptions { DataFolder = _folder, BrokerHost = "mqtt.test", BrokerPort = 8883 }, _clock);

    [Fact]
    public void Enrolled_certificate_has_the_device_id_as_cn_and_chains_to_the_ca()
    {
        using var key = CsrFactory.P256();
        var token = _service.CreateToken("pole-0001");

        var reply = _service.Enroll(token.Token, CsrFactory.For("pole-0001", key));

        using var cert = X509Certificate2.CreateFromPem(reply.Certificate);
        Assert.Equal("pole-0001", cert.GetNameInfo(X509NameType.SimpleName, false));
        Assert.Equal("mqtt.test", reply.Broker.Host);
        using var certKey = cert.GetECDsaPublicKey()!;
        Assert.Equal(key.ExportSubjectPublicKeyInfo(), certKey.ExportSubjectPublicKeyInfo());
        var eku = cert.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single();
        Assert.Equal("1.3.6.1.5.5.7.3.2", Assert.Single(eku.EnhancedKeyUsages.Cast<Oid>()).Value);
        Assert.False(cert.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);

        string certPath = Write("device.pem", reply.Certificate);
        string caPath = Write("ca.pem", reply.CaCertificate);
        var (code, output) = OpenSsl.Run("verify", "-purpose", "sslclient", "-CAfile", caPath, certPath);
        Assert.True(code == 0, output);
    }

    [Fact]
    public void Token_is_stored_only_as_a_hash_and_state_is_private()
    {
        var token = _service.CreateToken("pole-0002");

        string state = File.ReadAllText(Path.Combine(_folder, "enrollment.json"));
        Assert.DoesNotContain(token.Token, state, StringComparison.Ordinal);
        Assert.DoesNotContain(token.Token[EnrollmentService.TokenPrefix.Length..], state, StringComparison.Ordinal);
        Assert.Contains(EnrollmentService.HashToken(token.Token), state, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_folder, "enrollment.json")));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_folder, DeviceCertificateAuthority.KeyFile)));
        }
    }

    [Fact]
    public void Token_works_once()
    {
        using var key = CsrFactory.P256();
        var token = _service.CreateToken("pole-0003");
        _service.Enroll(token.Token, CsrFactory.For("pole-0003", key));

        var ex = Assert.Throws<EnrollmentException>(() => _service.Enroll(token.Token, CsrFactory.For("pole-0003", key)));
        Assert.Equal(EnrollmentError.UsedToken, ex.Error);
    }

    [Fact]
    public void Token_survives_a_restart_and_stays_single_use()
    {
        using var key = CsrFactory.P256();
        var token = _service.CreateToken("pole-0010");
        using (var restarted = NewService())
        {
            restarted.Enroll(token.Token, CsrFactory.For("pole-0010", key));
        }

        using var again = NewService();
        Assert.Equal(EnrollmentError.UsedToken, Assert.Throws<EnrollmentException>(() => again.Enroll(token.Token, CsrFactory.For("pole-0010", key))).Error);
    }

    [Fact]
    public void Expired_and_unknown_tokens_are_refused()
    {
        using var key = CsrFactory.P256();
        var token = _service.CreateToken("pole-0004", TimeSpan.FromMinutes(30));
        _clock.Now += TimeSpan.FromHours(1);

        Assert.Equal(EnrollmentError.ExpiredToken, Assert.Throws<EnrollmentException>(() => _service.Enroll(token.Token, CsrFactory.For("pole-0004", key))).Error);
        Assert.Equal(EnrollmentError.UnknownToken, Assert.Throws<EnrollmentException>(() => _service.Enroll("sct_nope", CsrFactory.For("pole-0004", key))).Error);
    }

    [Fact]
    public void Csr_for_another_device_is_refused_and_does_not_burn_the_token()
    {
        using var key = CsrFactory.P256();
        var token = _service.CreateToken("pole-0005");

        var ex = Assert.Throws<EnrollmentException>(() => _service.Enroll(token.Token, CsrFactory.For("pole-9999", key)));
        Assert.Equal(EnrollmentError.BadCsr, ex.Error);
        Assert.Contains("pole-9999", ex.Message, StringComparison.Ordinal);

        Assert.Equal("pole-0005", _service.Enroll(token.Token, CsrFactory.For("pole-0005", key)).Device);
    }

    [Fact]
    public void Csr_with_a_p384_key_or_a_broken_signature_is_refused()
    {
        var token = _service.CreateToken("pole-0006");
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        Assert.Equal(EnrollmentError.BadCsr, Assert.Throws<EnrollmentException>(() => _service.Enroll(token.Token, CsrFactory.For("pole-0006", p384))).Error);

        using var key = CsrFactory.P256();
        string pem = CsrFactory.For("pole-0006", key);
        byte[] der = Convert.FromBase64String(string.Concat(pem.Split('\n').Where(l => !l.StartsWith("-----", StringComparison.Ordinal))));
        der[^5] ^= 0x01; // inside the signature
        string broken = PemEncoding.WriteString("CERTIFICATE REQUEST", der);
        Assert.Equal(EnrollmentError.BadCsr, Assert.Throws<EnrollmentException>(() => _service.Enroll(token.Token, broken)).Error);
    }

    [Fact]
    public void Revoked_certificate_is_in_the_crl_and_openssl_refuses_it()
    {
        using var key = CsrFactory.P256();
        var reply = _service.Enroll(_service.CreateToken("pole-0007").Token, CsrFactory.For("pole-0007", key));
        using var keep = CsrFactory.P256();
        var kept = _service.Enroll(_service.CreateToken("pole-0008").Token, CsrFactory.For("pole-0008", keep));
        string caPath = Write("ca.pem", reply.CaCertificate);
        string revokedPath = Write("revoked.pem", reply.Certificate);
        string keptPath = Write("kept.pem", kept.Certificate);

        var before = OpenSsl.Run("verify", "-crl_check", "-CAfile", caPath, "-CRLfile", _service.CrlPath, revokedPath);
        Assert.True(before.ExitCode == 0, before.Output);

        Assert.Equal(1, _service.RevokeDevice("pole-0007"));

        var after = OpenSsl.Run("verify", "-crl_check", "-CAfile", caPath, "-CRLfile", _service.CrlPath, revokedPath);
        Assert.NotEqual(0, after.ExitCode);
        Assert.Contains("revoked", after.Output, StringComparison.OrdinalIgnoreCase);
        var other = OpenSsl.Run("verify", "-crl_check", "-CAfile", caPath, "-CRLfile", _service.CrlPath, keptPath);
        Assert.True(other.ExitCode == 0, other.Output);
        using var cert = X509Certificate2.CreateFromPem(reply.Certificate);
        Assert.True(_service.IsRevoked(cert.SerialNumber));
        var crlText = OpenSsl.Run("crl", "-in", _service.CrlPath, "-noout", "-text");
        // .NET keeps DER's 00 sign byte of a serial whose high bit is set ("00C5B4…"); openssl prints the number ("C5:B4:…").
        Assert.Contains(cert.SerialNumber.TrimStart('0'), crlText.Output.Replace(":", "", StringComparison.Ordinal).ToUpperInvariant(), StringComparison.Ordinal);
    }

    [Fact]
    public void Ca_is_reloaded_from_disk_not_recreated()
    {
        string before = _service.Authority.CertificatePem;
        using var again = NewService();

        Assert.Equal(before, again.Authority.CertificatePem);
    }

    [Fact]
    public void Mismatched_ca_key_is_refused_naming_the_files()
    {
        using var other = DeviceCertificateAuthority.Create("other");
        string otherFolder = Path.Combine(_folder, "other");
        other.Save(otherFolder);

        var ex = Assert.Throws<CryptographicException>(() => DeviceCertificateAuthority.Load(
            Path.Combine(_folder, DeviceCertificateAuthority.CertificateFile), Path.Combine(otherFolder, DeviceCertificateAuthority.KeyFile)));
        Assert.Contains(DeviceCertificateAuthority.KeyFile, ex.Message, StringComparison.Ordinal);
    }

    private string Write(string name, string pem)
    {
        string path = Path.Combine(_folder, Guid.NewGuid().ToString("N")[..6] + "-" + name);
        File.WriteAllText(path, pem);
        return path;
    }
}
