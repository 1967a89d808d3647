namespace SmartCity.Edge.Provisioning;

/// <summary>Provisioning failed at a named step; the message says what to do.</summary>
public sealed class ProvisioningException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ProvisioningException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public ProvisioningException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ProvisioningException()
    {
    }
}
