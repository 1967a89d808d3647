using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SmartCity.Edge.Provisioning.Diagnostics;

/// <summary>The device identity on disk: certificate readable, matching the key, CN = device id, in its validity period, issued by the CA.</summary>
public static class IdentityProbe
{
    /// <summary>A certificate expiring within this is a warning.</summary>
    public static readonly TimeSpan RenewalWarning = TimeSpan.FromDays(30);

    /// <summary>Runs the probe.</summary>
    public static CheckResult Run(string deviceId, string certificatePath, string keyPath, string? caPath, DateTimeOffset now)
    {
        const string name = "identity";
        X509Certificate2 certificate;
        try
        {
            certificate = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            return CheckResult.Fail(name, $"{certificatePath} with {keyPath}: {ex.Message}", "the certificate and key do not belong together or cannot be read: run `provision` again");
        }

        using (certificate)
        {
            string cn = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
            if (!string.Equals(cn, deviceId, StringComparison.Ordinal))
            {
                return CheckResult.Fail(name, $"certificate CN '{cn}' is not the configured device id '{deviceId}'", "the broker confines the device to smartcity/v1/{CN}/#: fix device.id or provision again");
            }

            if (now < certificate.NotBefore || now > certificate.NotAfter)
            {
                return CheckResult.Fail(name, $"certificate valid {certificate.NotBefore:u} – {certificate.NotAfter:u}, device clock {now:u}", "check the clock; if it is right, provision again for a new certificate");
            }

            if (caPath is not null)
            {
                using var ca = X509Certificate2.CreateFromPem(File.ReadAllText(caPath));
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(ca);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                chain.ChainPolicy.VerificationTime = now.UtcDateTime;
                if (!chain.Build(certificate))
                {
                    return CheckResult.Fail(name, $"certificate does not chain to {caPath}: {string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()))}", "provision again");
                }
            }

            var left = certificate.NotAfter - now;
            string detail = $"CN={cn}, key matches, valid until {certificate.NotAfter.ToUniversalTime():u} ({left.TotalDays:F0} days)";
            return left < RenewalWarning
                ? CheckResult.Warn(name, detail, "renew soon: ask for an enrollment token and run `provision --force`")
                : CheckResult.Pass(name, detail);
        }
    }
}
