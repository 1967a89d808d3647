using Microsoft.Extensions.Logging;

namespace SmartCity.Edge.Sensors.Sampling;

/// <summary>Source-generated log messages of the sensor hub; failures are logged once per burst, not per read.</summary>
internal static partial class SensorHubLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Sensor {Sensor} ({Model}) opened")]
    public static partial void Opened(ILogger logger, string sensor, string model);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Sensor {Sensor} ({Model}) cannot be opened: {Error}; retrying with backoff (next in {Retry})")]
    public static partial void OpenFailed(ILogger logger, string sensor, string model, string error, TimeSpan retry);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Sensor {Sensor} read failed ({Fault}); retrying with backoff (next in {Retry}); further failures of this burst are counted, not logged")]
    public static partial void ReadFailed(ILogger logger, string sensor, Edge.Sensors.SensorFault fault, TimeSpan retry);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Information, Message = "Sensor {Sensor} recovered after {Failures} failed attempts")]
    public static partial void Recovered(ILogger logger, string sensor, int failures);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Warning, Message = "Sensor {Sensor}: line errors started (checksum errors {Checksum}, foreign frames {Foreign}, garbage bytes {Garbage} so far)")]
    public static partial void LineErrors(ILogger logger, string sensor, long checksum, long foreign, long garbage);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Information, Message = "Sensor {Sensor} reopened after {Failures} consecutive failures")]
    public static partial void Reopening(ILogger logger, string sensor, int failures);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Warning, Message = "Sensor summary dropped: the consumer is {Capacity} intervals behind")]
    public static partial void SummaryDropped(ILogger logger, int capacity);
}
