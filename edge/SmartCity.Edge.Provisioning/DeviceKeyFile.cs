using System.Security.Cryptography;

namespace SmartCity.Edge.Provisioning;

/// <summary>
/// The device's private key: ECDSA P-256, generated on the device, stored as PKCS#8 PEM readable by the owner only
/// (mode 0600). It never leaves the device: only the CSR (public key + proof of possession) is sent.
/// </summary>
public static class DeviceKeyFile
{
    /// <summary>Loads the key at <paramref name="path"/>, or generates and writes one when the file does not exist.</summary>
    /// <param name="path">PEM file.</param>
    /// <param name="created">True when a new key was generated.</param>
    /// <exception cref="CryptographicException">The file exists but holds no P-256 private key, or is readable by others.</exception>
    public static ECDsa LoadOrCreate(string path, out bool created)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (File.Exists(path))
        {
            created = false;
            return Load(path);
        }

        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        try
        {
            string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (folder is not null)
            {
                Directory.CreateDirectory(folder);
            }

            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                // Created with 0600 from the start: there is no moment at which the key is readable by others.
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var stream = new FileStream(path, options))
            {
                using var writer = new StreamWriter(stream);
                writer.Write(key.ExportPkcs8PrivateKeyPem());
                writer.Write('\n');
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            created = true;
            return key;
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>Loads an existing key and checks that group and others cannot read it.</summary>
    public static ECDsa Load(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(path);
            if ((mode & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite)) != 0)
            {
                throw new CryptographicException($"{path}: the device key is readable or writable by group or others (mode {Convert.ToString((int)mode, 8)}); run chmod 600 {path}.");
            }
        }

        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(File.ReadAllText(path));
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            key.Dispose();
            throw new CryptographicException($"{path}: not an ECDSA private key in PEM form: {ex.Message}", ex);
        }

        if (key.KeySize != 256)
        {
            key.Dispose();
            throw new CryptographicException($"{path}: the device key is {key.KeySize} bits, P-256 is required.");
        }

        return key;
    }
}
