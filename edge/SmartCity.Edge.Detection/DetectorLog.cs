using Microsoft.Extensions.Logging;

namespace SmartCity.Edge.Detection;

/// <summary>Source-generated log messages of the detector.</summary>
internal static partial class DetectorLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information,
        Message = "Loaded model {Name} {Version} ({Format}, {Width}x{Height}, {Classes} classes, output {Output} [1, {Rows}, {Columns}]) with {IntraThreads} intra-op threads")]
    public static partial void ModelLoaded(
        ILogger logger, string name, string version, ModelFormat format, int width, int height, int classes, string output, long rows, long columns, int intraThreads);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Detection failed on frame {Sequence}: {Error}")]
    public static partial void DetectionFailed(ILogger logger, long sequence, string error);
}
