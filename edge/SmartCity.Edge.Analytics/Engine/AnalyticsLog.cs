using Microsoft.Extensions.Logging;
using SmartCity.Edge.Analytics.Summaries;

namespace SmartCity.Edge.Analytics.Engine;

/// <summary>Source-generated log messages of the analytics engine.</summary>
internal static partial class AnalyticsLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning,
        Message = "Camera {Camera}: frame timestamp {Timestamp:O} is {Seconds:0.###} s before the previous frame; the interval is marked partial.")]
    public static partial void TimestampWentBackwards(ILogger logger, string camera, DateTimeOffset timestamp, double seconds);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning,
        Message = "Camera {Camera}: {Count} interval summaries were not taken in time and the oldest were discarded.")]
    public static partial void SummariesDiscarded(ILogger logger, string camera, long count);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Debug,
        Message = "Camera {Camera}: interval {Start:O} closed as {Status} ({Reason}).")]
    public static partial void IntervalClosed(ILogger logger, string camera, DateTimeOffset start, IntervalStatus status, string? reason);
}
