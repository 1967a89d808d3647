using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using SmartCity.Contracts;

namespace SmartCity.Edge.Provisioning;

/// <summary>The device's certificate signing request: CN = device id, signed with the device key (proof of possession).</summary>
public static class DeviceCsr
{
    /// <summary>A PKCS#10 CSR in PEM form for <paramref name="deviceId"/>.</summary>
    public static string Create(ECDsa deviceKey, string deviceId)
    {
        ArgumentNullException.ThrowIfNull(deviceKey);
        DeviceIds.EnsureValid(deviceId, nameof(deviceId));
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName(deviceId);
        var request = new CertificateRequest(subject.Build(), deviceKey, HashAlgorithmName.SHA256);
        return request.CreateSigningRequestPem();
    }
}
