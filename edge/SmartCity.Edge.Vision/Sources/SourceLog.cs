using Microsoft.Extensions.Logging;

namespace SmartCity.Edge.Vision.Sources;

/// <summary>Source-generated log messages of the frame sources and their supervisor (event ids 2100–2199).</summary>
internal static partial class SourceLog
{
    [LoggerMessage(EventId = 2100, Level = LogLevel.Warning,
        Message = "Source {Source}: skipping a bad frame ({Reason}); further bad frames are not logged until a good one arrives")]
    public static partial void BadFrameBurstStarted(ILogger logger, string source, string reason);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Information,
        Message = "Source {Source}: good frames again after {Count} bad frame(s)")]
    public static partial void BadFrameBurstEnded(ILogger logger, string source, long count);

    [LoggerMessage(EventId = 2110, Level = LogLevel.Information, Message = "Source {Source} opened")]
    public static partial void SourceOpened(ILogger logger, string source);

    [LoggerMessage(EventId = 2111, Level = LogLevel.Error,
        Message = "Source {Source} failed (restart {Restart}, next try in {Delay}): {Error}")]
    public static partial void SourceFailed(ILogger logger, string source, long restart, TimeSpan delay, string error);

    [LoggerMessage(EventId = 2112, Level = LogLevel.Information, Message = "Source {Source} reached the end of its stream")]
    public static partial void SourceEnded(ILogger logger, string source);

    [LoggerMessage(EventId = 2113, Level = LogLevel.Warning, Message = "Source {Source} could not be disposed cleanly")]
    public static partial void DisposeFailed(ILogger logger, string source, Exception exception);

    [LoggerMessage(EventId = 2120, Level = LogLevel.Information, Message = "ffmpeg started: {CommandLine}")]
    public static partial void FfmpegStarted(ILogger logger, string commandLine);

    [LoggerMessage(EventId = 2121, Level = LogLevel.Information,
        Message = "ffprobe {Input}: {Width}x{Height} at {Fps} fps")]
    public static partial void Probed(ILogger logger, string input, int width, int height, double fps);

    [LoggerMessage(EventId = 2131, Level = LogLevel.Information, Message = "Camera {Source}: started {CommandLine}")]
    public static partial void CameraProcessStarted(ILogger logger, string source, string commandLine);

    [LoggerMessage(EventId = 2130, Level = LogLevel.Information,
        Message = "Camera {Source}: capturing {Width}x{Height} {Format}")]
    public static partial void CameraCapturing(ILogger logger, string source, int width, int height, V4l2CaptureFormat format);
}
