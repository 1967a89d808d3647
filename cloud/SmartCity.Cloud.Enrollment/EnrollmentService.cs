using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SmartCity.Contracts;

namespace SmartCity.Cloud.Enrollment;

/// <summary>
/// One-time tokens (stored hashed, with expiry, single use), CSR signing by the device CA, the issued and revoked
/// certificates and the CRL file (<c>crl.pem</c> in the data folder, rewritten on every revocation). Thread-safe;
/// state changes are written to disk before a call returns.
/// </summary>
public sealed class EnrollmentService : IDisposable
{
    /// <summary>Prefix of token texts (so they are recognisable in logs and secret scanners).</summary>
    public const string TokenPrefix = "sct_";

    /// <summary>File name of the CRL in the data folder.</summary>
    public const string CrlFile = "crl.pem";

    private const string StateFile = "enrollment.json";
    private readonly Lock _lock = new();
    private readonly EnrollmentOptions _options;
    private readonly TimeProvider _time;
    private EnrollmentState _state;

    /// <summary>Opens (or creates) the CA and the state under <see cref="EnrollmentOptions.DataFolder"/>.</summary>
    public EnrollmentService(EnrollmentOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _time = time ?? TimeProvider.System;
        DataFolder = Path.GetFullPath(options.DataFolder);
        Directory.CreateDirectory(DataFolder);
        Authority = DeviceCertificateAuthority.LoadOrCreate(DataFolder, options.CaCommonName, _time);
        _state = ReadState();
        WriteCrl();
    }

    /// <summary>The device CA.</summary>
    public DeviceCertificateAuthority Authority { get; }

    /// <summary>The data folder (absolute).</summary>
    public string DataFolder { get; }

    /// <summary>The CRL file the broker reads (<c>crlfile</c>).</summary>
    public string CrlPath => Path.Combine(DataFolder, CrlFile);

    /// <summary>Creates a token for <paramref name="deviceId"/>; the text is returned once and only its hash is kept.</summary>
    public TokenResponse CreateToken(string deviceId, TimeSpan? validFor = null)
    {
        DeviceIds.EnsureValid(deviceId, nameof(deviceId));
        var lifetime = validFor ?? _options.TokenValidity;
        if (lifetime <= TimeSpan.Zero || lifetime > TimeSpan.FromDays(90))
        {
            throw new ArgumentException($"Token validity {lifetime} must be above zero and at most 90 days.", nameof(validFor));
        }

        byte[] random = RandomNumberGenerator.GetBytes(32);
        string token = TokenPrefix + Convert.ToBase64String(random).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = _time.GetUtcNow();
        var entry = new EnrollmentToken { Hash = HashToken(token), Device = deviceId, Created = now, Expires = now + lifetime };
        lock (_lock)
        {
            _state.Tokens.Add(entry);
            WriteState();
        }

        return new TokenResponse { Device = deviceId, Token = token, Expires = entry.Expires };
    }

    /// <summary>
    /// Redeems a token against a CSR: the token must exist, be unexpired and unused; the CSR must be the token's
    /// device's, P-256 and self-signed. The token is marked used in the same locked step that issues the certificate.
    /// </summary>
    /// <exception cref="EnrollmentException">Why the enrollment was refused.</exception>
    public EnrollmentResponse Enroll(string? token, string? csrPem)
    {
        if (string.IsNullOrWhiteSpace(token) || string.IsNullOrWhiteSpace(csrPem))
        {
            throw new EnrollmentException(EnrollmentError.BadRequest, "the request needs \"token\" and \"csr\".");
        }

        if (csrPem.Length > 16 * 1024)
        {
            throw new EnrollmentException(EnrollmentError.BadCsr, "the CSR is larger than 16 KiB.");
        }

        string hash = HashToken(token.Trim());
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            int index = _state.Tokens.FindIndex(t => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(t.Hash), Encoding.ASCII.GetBytes(hash)));
            if (index < 0)
            {
                throw new EnrollmentException(EnrollmentError.UnknownToken, "the enrollment token is not known.");
            }

            var entry = _state.Tokens[index];
            if (entry.Used is { } used)
            {
                throw new EnrollmentException(EnrollmentError.UsedToken, $"the enrollment token for {entry.Device} was already used at {used:u}; ask for a new one.");
            }

            if (now > entry.Expires)
            {
                throw new EnrollmentException(EnrollmentError.ExpiredToken, $"the enrollment token for {entry.Device} expired at {entry.Expires:u}; ask for a new one.");
            }

            using var certificate = Authority.SignDeviceCsr(csrPem, entry.Device, _options.CertificateValidity, _time);
            _state.Tokens[index] = entry with { Used = now };
            _state.Issued.Add(new IssuedCertificate
            {
                Device = entry.Device,
                SerialNumber = certificate.SerialNumber,
                IssuedAt = now,
                NotAfter = certificate.NotAfter.ToUniversalTime(),
            });
            WriteState();
            return new EnrollmentResponse
            {
                Device = entry.Device,
                Certificate = certificate.ExportCertificatePem(),
                CaCertificate = Authority.CertificatePem,
                Broker = new BrokerEndpoint { Host = _options.BrokerHost, Port = _options.BrokerPort },
                NotAfter = certificate.NotAfter.ToUniversalTime(),
            };
        }
    }

    /// <summary>Revokes every certificate issued to <paramref name="deviceId"/> and rewrites the CRL; returns how many.</summary>
    public int RevokeDevice(string deviceId)
    {
        DeviceIds.EnsureValid(deviceId, nameof(deviceId));
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            int count = 0;
            foreach (var issued in _state.Issued)
            {
                if (issued.Device == deviceId && !_state.Revoked.Exists(r => r.SerialNumber == issued.SerialNumber))
                {
                    _state.Revoked.Add(new RevokedCertificate { Device = deviceId, SerialNumber = issued.SerialNumber, RevokedAt = now });
                    count++;
                }
            }

            // Unused tokens of a revoked device die with it.
            for (int i = 0; i < _state.Tokens.Count; i++)
            {
                if (_state.Tokens[i].Device == deviceId && _state.Tokens[i].Used is null)
                {
                    _state.Tokens[i] = _state.Tokens[i] with { Used = now };
                }
            }

            _state = _state with { CrlNumber = _state.CrlNumber + 1 };
            WriteState();
            WriteCrl();
            return count;
        }
    }

    /// <summary>True when the certificate with <paramref name="serialNumber"/> (hex) is revoked.</summary>
    public bool IsRevoked(string serialNumber)
    {
        lock (_lock)
        {
            return _state.Revoked.Exists(r => string.Equals(r.SerialNumber, serialNumber, StringComparison.OrdinalIgnoreCase));
        }
    }

    /// <summary>The revoked certificates.</summary>
    public IReadOnlyList<RevokedCertificate> Revoked
    {
        get
        {
            lock (_lock)
            {
                return [.. _state.Revoked];
            }
        }
    }

    /// <summary>The certificates issued.</summary>
    public IReadOnlyList<IssuedCertificate> Issued
    {
        get
        {
            lock (_lock)
            {
                return [.. _state.Issued];
            }
        }
    }

    /// <summary>The current CRL as PEM (also in <see cref="CrlPath"/>).</summary>
    public string CrlPem => File.ReadAllText(CrlPath);

    /// <inheritdoc />
    public void Dispose() => Authority.Dispose();

    internal static string HashToken(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private void WriteCrl() =>
        PemFiles.WriteAtomic(CrlPath, Authority.BuildCrlPem(_state.Revoked, _state.CrlNumber + 1, _options.CrlValidity, _time) + "\n", secret: false);

    private EnrollmentState ReadState()
    {
        string path = Path.Combine(DataFolder, StateFile);
        if (!File.Exists(path))
        {
            return new EnrollmentState();
        }

        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(path), EnrollmentJsonContext.Default.EnrollmentState) ?? new EnrollmentState();
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: not a valid enrollment state file: {ex.Message}", ex);
        }
    }

    private void WriteState() =>
        PemFiles.WriteAtomic(Path.Combine(DataFolder, StateFile), JsonSerializer.Serialize(_state, EnrollmentJsonContext.Default.EnrollmentState), secret: true);
}
