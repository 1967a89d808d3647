using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using SmartCity.Contracts;

namespace SmartCity.Edge.Provisioning;

/// <summary>
/// The <c>provision</c> steps: device key (generated here, kept here) → CSR → enrollment → check the certificate
/// (CN, our key, chains to the CA) → write identity files → render the configuration → QR code. Reports each step
/// to <paramref name="progress"/>.
/// </summary>
public sealed class DeviceProvisioner(EnrollmentClient client, IProgress<string>? progress = null)
{
    /// <summary>File names in the identity folder.</summary>
    public const string KeyFile = "device.key.pem";

    /// <summary>File names in the identity folder.</summary>
    public const string CertificateFile = "device.crt.pem";

    /// <summary>File names in the identity folder.</summary>
    public const string CaFile = "ca.crt.pem";

    /// <summary>Runs the steps.</summary>
    /// <exception cref="ProvisioningException">A step failed; the message names it and says what to do.</exception>
    public async Task<ProvisioningResult> ProvisionAsync(ProvisioningRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!DeviceIds.IsValid(request.DeviceId))
        {
            throw new ProvisioningException($"device id '{request.DeviceId}' is not valid: 3-64 characters of a-z, 0-9 and '-', starting and ending with a letter or digit.");
        }

        if (!File.Exists(request.TemplatePath))
        {
            throw new ProvisioningException($"template {request.TemplatePath} does not exist (see firmware-configs/templates/).");
        }

        if (File.Exists(request.ConfigPath) && !request.Force)
        {
            throw new ProvisioningException($"{request.ConfigPath} exists; pass --force to replace it.");
        }

        string template = await File.ReadAllTextAsync(request.TemplatePath, cancellationToken).ConfigureAwait(false);
        string keyPath = Path.GetFullPath(Path.Combine(request.IdentityFolder, KeyFile));
        string certPath = Path.GetFullPath(Path.Combine(request.IdentityFolder, CertificateFile));
        string caPath = Path.GetFullPath(Path.Combine(request.IdentityFolder, CaFile));

        Report("1/6 device key");
        ECDsa key;
        bool created;
        try
        {
            key = DeviceKeyFile.LoadOrCreate(keyPath, out created);
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new ProvisioningException($"device key {keyPath}: {ex.Message}", ex);
        }

        using (key)
        {
            Report(created ? $"    generated ECDSA P-256 key {keyPath} (mode 0600)" : $"    reusing the existing key {keyPath}");

            Report("2/6 certificate signing request");
            string csr = DeviceCsr.Create(key, request.DeviceId);

            Report($"3/6 enrolling at {request.Cloud}");
            var reply = await client.EnrollAsync(request.Cloud, request.Token, csr, cancellationToken).ConfigureAwait(false);

            Report("4/6 checking the certificate");
            CheckCertificate(reply, request.DeviceId, key);
            WriteAtomic(certPath, reply.Certificate);
            WriteAtomic(caPath, reply.CaCertificate);
            Report($"    {certPath}, valid until {reply.NotAfter:u}");

            Report($"5/6 writing the configuration from {request.TemplatePath}");
            var values = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["device_id"] = request.DeviceId,
                ["site"] = request.Site,
                ["broker_host"] = reply.Broker.Host,
                ["broker_port"] = reply.Broker.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["ca_certificate"] = caPath,
                ["client_certificate"] = certPath,
                ["client_key"] = keyPath,
            };
            string config = DeviceConfigTemplate.Render(template, values, request.TemplatePath);
            WriteAtomic(request.ConfigPath, config);
            Report($"    {Path.GetFullPath(request.ConfigPath)}");

            Report("6/6 QR code of the device id");
            return new ProvisioningResult
            {
                KeyCreated = created,
                KeyPath = keyPath,
                CertificatePath = certPath,
                CaCertificatePath = caPath,
                ConfigPath = Path.GetFullPath(request.ConfigPath),
                Broker = reply.Broker,
                NotAfter = reply.NotAfter,
                QrCode = DeviceQrCode.Render(request.DeviceId),
            };
        }
    }

    private static void CheckCertificate(EnrollmentReply reply, string deviceId, ECDsa key)
    {
        X509Certificate2 certificate;
        X509Certificate2 ca;
        try
        {
            certificate = X509Certificate2.CreateFromPem(reply.Certificate);
            ca = X509Certificate2.CreateFromPem(reply.CaCertificate);
        }
        catch (CryptographicException ex)
        {
            throw new ProvisioningException($"the enrollment reply holds no valid certificate: {ex.Message}", ex);
        }

        using (certificate)
        using (ca)
        {
            string cn = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
            if (!string.Equals(cn, deviceId, StringComparison.Ordinal) || !string.Equals(reply.Device, deviceId, StringComparison.Ordinal))
            {
                throw new ProvisioningException($"the certificate is for '{cn}' (reply device '{reply.Device}'), not '{deviceId}': the token belongs to another device.");
            }

            using var certKey = certificate.GetECDsaPublicKey();
            if (certKey is null || !certKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(key.ExportSubjectPublicKeyInfo()))
            {
                throw new ProvisioningException("the certificate does not carry this device's public key.");
            }

            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(ca);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            if (!chain.Build(certificate))
            {
                string status = string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()));
                throw new ProvisioningException($"the certificate does not chain to the CA in the reply: {status}");
            }
        }
    }

    private static void WriteAtomic(string path, string text)
    {
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        string temp = path + ".tmp";
        File.WriteAllText(temp, text.EndsWith('\n') ? text : text + "\n");
        File.Move(temp, path, overwrite: true);
    }

    private void Report(string line) => progress?.Report(line);
}
