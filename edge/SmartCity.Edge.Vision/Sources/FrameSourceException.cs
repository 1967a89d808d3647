namespace SmartCity.Edge.Vision.Sources;

/// <summary>A frame source failed: it cannot deliver more frames until it is opened again.</summary>
public sealed class FrameSourceException : Exception
{
    /// <summary>Creates the exception.</summary>
    public FrameSourceException()
    {
    }

    /// <summary>Creates the exception with a message naming the source and what went wrong.</summary>
    public FrameSourceException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the underlying cause.</summary>
    public FrameSourceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
