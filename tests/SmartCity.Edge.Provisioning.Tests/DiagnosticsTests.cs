using SmartCity.Cloud.Enrollment;
using SmartCity.Edge.Provisioning.Diagnostics;

namespace SmartCity.Edge.Provisioning.Tests;

/// <summary>doctor's outbox and identity checks, and the configuration schema.</summary>
public sealed class DiagnosticsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("smartcity-diag-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Writable_outbox_with_room_passes_and_a_huge_quota_warns()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "outbox"));
        Assert.Equal(CheckStatus.Pass, OutboxDiskProbe.Run(Path.Combine(_folder, "outbox"), 1024 * 1024).Status);
        var huge = OutboxDiskProbe.Run(Path.Combine(_folder, "outbox"), long.MaxValue / 2);
        Assert.Equal(CheckStatus.Warn, huge.Status);
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(_folder, "outbox")));
        var later = OutboxDiskProbe.Run(Path.Combine(_folder, "not-yet", "outbox"), 1024 * 1024);
        Assert.Equal(CheckStatus.Pass, later.Status);
        Assert.Contains("to be created", later.Detail, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_folder, "not-yet")), "doctor leaves nothing behind");
    }

    [Fact]
    public void Unwritable_outbox_fails()
    {
        string file = Path.Combine(_folder, "not-a-folder");
        File.WriteAllText(file, "x");

        var result = OutboxDiskProbe.Run(Path.Combine(file, "outbox"), 1024 * 1024);

        Assert.Equal(CheckStatus.Fail, result.Status);
    }

    [Fact]
    public void Identity_checks_cn_key_validity_and_issuer()
    {
        using var ca = DeviceCertificateAuthority.Create("test CA");
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        using var cert = ca.SignDeviceCsr(DeviceCsr.Create(key, "pole-0500"), "pole-0500", TimeSpan.FromDays(365));
        string certPath = Path.Combine(_folder, "c.pem");
        string keyPath = Path.Combine(_folder, "k.pem");
        string caPath = Path.Combine(_folder, "ca.pem");
        File.WriteAllText(certPath, cert.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(caPath, ca.CertificatePem);
        var now = DateTimeOffset.UtcNow;

        Assert.Equal(CheckStatus.Pass, IdentityProbe.Run("pole-0500", certPath, keyPath, caPath, now).Status);
        Assert.Contains("is not the configured device id", IdentityProbe.Run("pole-0501", certPath, keyPath, caPath, now).Detail, StringComparison.Ordinal);
        Assert.Equal(CheckStatus.Fail, IdentityProbe.Run("pole-0500", certPath, keyPath, caPath, now.AddYears(2)).Status);
        Assert.Equal(CheckStatus.Warn, IdentityProbe.Run("pole-0500", certPath, keyPath, caPath, now.AddDays(350)).Status);
        using var otherKey = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        File.WriteAllText(keyPath, otherKey.ExportPkcs8PrivateKeyPem());
        Assert.Equal(CheckStatus.Fail, IdentityProbe.Run("pole-0500", certPath, keyPath, caPath, now).Status);
    }
}
