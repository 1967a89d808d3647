namespace SmartCity.Edge.Updates;

/// <summary>A bundle file that is not a readable bundle (not a zip, no manifest, over a limit).</summary>
public sealed class BundleFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public BundleFormatException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public BundleFormatException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public BundleFormatException()
    {
    }
}
