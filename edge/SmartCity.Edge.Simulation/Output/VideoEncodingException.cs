namespace SmartCity.Edge.Simulation.Output;

/// <summary>Encoding a scenario to a video file failed (ffmpeg missing, rejected its arguments or exited with an error).</summary>
public sealed class VideoEncodingException : Exception
{
    /// <summary>Creates the exception.</summary>
    public VideoEncodingException()
    {
    }

    /// <summary>Creates the exception with a message that includes the end of ffmpeg's error output.</summary>
    public VideoEncodingException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the underlying cause.</summary>
    public VideoEncodingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
