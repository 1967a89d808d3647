using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SmartCity.Cloud.Enrollment.Tests;

/// <summary>CSRs as a device makes them (and some it should not).</summary>
internal static class CsrFactory
{
    public static string For(string commonName, ECDsa key)
    {
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        return request.CreateSigningRequestPem();
    }

    public static ECDsa P256() => ECDsa.Create(ECCurve.NamedCurves.nistP256);
}
