using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Xunit;

namespace SmartCity.Contracts.Tests;

public sealed class BrokerTlsFilesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("smartcity-tls-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_ca_bundle_gives_every_certificate_in_it()
    {
        using var first = SelfSigned("CN=Root A", out _);
        using var second = SelfSigned("CN=Root B", out _);
        string path = Write("ca.pem", first.ExportCertificatePem() + "\n" + second.ExportCertificatePem());

        var trust = BrokerTlsFiles.LoadTrustChain(path, "Uplink");

        Assert.Equal(["CN=Root A", "CN=Root B"], trust.Select(c => c.Subject));
    }

    [Fact]
    public void A_ca_file_without_a_certificate_is_refused_naming_the_component_option_and_file()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        string path = Write("ca.pem", key.ExportPkcs8PrivateKeyPem());

        var error = Assert.Throws<ArgumentException>(() => BrokerTlsFiles.LoadTrustChain(path, "Ingest"));

        Assert.StartsWith("Ingest option 'CaCertificatePath'", error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("holds no PEM certificate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_ca_file_is_an_argument_error_not_an_io_exception()
    {
        string path = Path.Combine(_folder, "gone.pem");

        var error = Assert.Throws<ArgumentException>(() => BrokerTlsFiles.LoadTrustChain(path, "Uplink"));

        Assert.Contains("Uplink option 'CaCertificatePath': cannot read", error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<IOException>(error.InnerException);
    }

    [Fact]
    public void A_client_certificate_loads_with_its_private_key()
    {
        using var certificate = SelfSigned("CN=dev-07", out var key);
        using (key)
        {
            string certPath = Write("dev-07.pem", certificate.ExportCertificatePem());
            string keyPath = Write("dev-07.key", key.ExportPkcs8PrivateKeyPem());

            using var loaded = BrokerTlsFiles.LoadClientCertificate(certPath, keyPath, "Uplink");

            Assert.True(loaded.HasPrivateKey);
            Assert.Equal("CN=dev-07", loaded.Subject);
        }
    }

    [Fact]
    public void A_client_certificate_with_another_devices_key_is_refused_naming_both_files()
    {
        using var certificate = SelfSigned("CN=dev-07", out var key);
        key.Dispose();
        using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        string certPath = Write("dev-07.pem", certificate.ExportCertificatePem());
        string keyPath = Write("dev-08.key", otherKey.ExportPkcs8PrivateKeyPem());

        var error = Assert.Throws<ArgumentException>(() => BrokerTlsFiles.LoadClientCertificate(certPath, keyPath, "Ingest"));

        Assert.StartsWith("Ingest options 'ClientCertificatePath'/'ClientKeyPath': cannot load", error.Message, StringComparison.Ordinal);
        Assert.Contains(certPath, error.Message, StringComparison.Ordinal);
        Assert.Contains(keyPath, error.Message, StringComparison.Ordinal);
    }

    private static X509Certificate2 SelfSigned(string subject, out ECDsa key)
    {
        key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
    }

    private string Write(string name, string text)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }
}
