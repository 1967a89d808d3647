using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SmartCity.Contracts;

/// <summary>
/// Loads the PEM files of a TLS connection to the MQTT broker — the CA that signs the broker's certificate and the
/// client's own certificate and key — for every client of it, edge (uplink) and cloud (ingest, command publisher).
/// Errors name the component and the option, so a technician reading the log knows which file to fix.
/// </summary>
public static class BrokerTlsFiles
{
    /// <summary>The certificates in the PEM file at <paramref name="path"/> (option <c>CaCertificatePath</c>).</summary>
    /// <param name="path">PEM file holding one or more CA certificates.</param>
    /// <param name="component">Whose option it is, for the message ("Uplink", "Ingest").</param>
    /// <exception cref="ArgumentException">The file cannot be read or holds no certificate.</exception>
    public static X509Certificate2Collection LoadTrustChain(string path, string component)
    {
        ArgumentNullException.ThrowIfNull(path);
        var trust = new X509Certificate2Collection();
        try
        {
            trust.ImportFromPemFile(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new ArgumentException($"{component} option 'CaCertificatePath': cannot read '{path}': {ex.Message}", nameof(path), ex);
        }

        if (trust.Count == 0)
        {
            throw new ArgumentException($"{component} option 'CaCertificatePath': '{path}' holds no PEM certificate.", nameof(path));
        }

        return trust;
    }

    /// <summary>The client certificate with its private key (options <c>ClientCertificatePath</c> and <c>ClientKeyPath</c>).</summary>
    /// <param name="certificatePath">PEM file of the client certificate.</param>
    /// <param name="keyPath">PEM file of its private key.</param>
    /// <param name="component">Whose options they are, for the message ("Uplink", "Ingest").</param>
    /// <exception cref="ArgumentException">The files cannot be read or do not make a certificate with a key (a key that is
    /// not the certificate's comes out of the BCL as a bare ArgumentException that names neither file).</exception>
    public static X509Certificate2 LoadClientCertificate(string certificatePath, string keyPath, string component)
    {
        ArgumentNullException.ThrowIfNull(certificatePath);
        ArgumentNullException.ThrowIfNull(keyPath);
        try
        {
            return X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            throw new ArgumentException(
                $"{component} options 'ClientCertificatePath'/'ClientKeyPath': cannot load '{certificatePath}' with key '{keyPath}': {ex.Message}",
                nameof(certificatePath), ex);
        }
    }
}
