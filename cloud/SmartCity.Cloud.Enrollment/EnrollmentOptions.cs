namespace SmartCity.Cloud.Enrollment;

/// <summary>Settings of the enrollment service (configuration section <c>Enrollment</c>).</summary>
public sealed class EnrollmentOptions
{
    /// <summary>Folder holding the device CA, the state file and the CRL.</summary>
    public string DataFolder { get; set; } = "data/enrollment";

    /// <summary>CN of the device CA when one is created.</summary>
    public string CaCommonName { get; set; } = "SmartCity device CA";

    /// <summary>Broker host name handed to devices.</summary>
    public string BrokerHost { get; set; } = "localhost";

    /// <summary>Broker TLS port handed to devices.</summary>
    public int BrokerPort { get; set; } = 8883;

    /// <summary>Device certificate validity.</summary>
    public TimeSpan CertificateValidity { get; set; } = TimeSpan.FromDays(365);

    /// <summary>Default token validity.</summary>
    public TimeSpan TokenValidity { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long a CRL is valid (its next-update time); the broker must be given a fresh one before.</summary>
    public TimeSpan CrlValidity { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Throws <see cref="ArgumentException"/> naming the key that is wrong.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(DataFolder))
        {
            throw new ArgumentException("Enrollment:DataFolder must name a folder.");
        }

        if (string.IsNullOrWhiteSpace(BrokerHost) || BrokerHost.AsSpan().IndexOfAny(" /\t") >= 0)
        {
            throw new ArgumentException($"Enrollment:BrokerHost '{BrokerHost}' must be a host name (no scheme or path).");
        }

        if (BrokerPort is < 1 or > 65535)
        {
            throw new ArgumentException($"Enrollment:BrokerPort {BrokerPort} must be 1-65535.");
        }

        if (CertificateValidity < TimeSpan.FromHours(1) || TokenValidity < TimeSpan.FromMinutes(1) || CrlValidity < TimeSpan.FromHours(1))
        {
            throw new ArgumentException("Enrollment:CertificateValidity (≥ 1 h), TokenValidity (≥ 1 min) and CrlValidity (≥ 1 h) are too short.");
        }
    }
}
