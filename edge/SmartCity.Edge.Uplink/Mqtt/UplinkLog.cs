using Microsoft.Extensions.Logging;

namespace SmartCity.Edge.Uplink.Mqtt;

/// <summary>Source-generated log messages of the MQTT uplink (event ids 4120–4139).</summary>
internal static partial class UplinkLog
{
    [LoggerMessage(4120, LogLevel.Information, "Uplink {DeviceId} connected to {Host}:{Port} (session present: {SessionPresent}); resuming after seq {Checkpoint}")]
    public static partial void Connected(ILogger logger, string deviceId, string host, int port, bool sessionPresent, long checkpoint);

    [LoggerMessage(4121, LogLevel.Warning, "Uplink {DeviceId}: connection to {Host}:{Port} failed or lost ({Reason}); retrying in {DelayMs} ms")]
    public static partial void Retrying(ILogger logger, string deviceId, string host, int port, string reason, double delayMs);

    [LoggerMessage(4122, LogLevel.Warning, "Uplink {DeviceId}: broker refused seq {Seq} on {Topic} ({ReasonCode}); retrying after backoff")]
    public static partial void PublishRefused(ILogger logger, string deviceId, long seq, string topic, string reasonCode);

    [LoggerMessage(4123, LogLevel.Error, "Uplink {DeviceId}: broker rejected seq {Seq} on {Topic} for good ({ReasonCode}); skipped")]
    public static partial void PublishRejected(ILogger logger, string deviceId, long seq, string topic, string reasonCode);

    [LoggerMessage(4124, LogLevel.Information, "Uplink {DeviceId} stopped at checkpoint {Checkpoint}")]
    public static partial void Stopped(ILogger logger, string deviceId, long checkpoint);

    [LoggerMessage(4125, LogLevel.Information, "Uplink {DeviceId}: resend {RequestId} of seq {From}..{To}: republished {Replayed} records, {Missing} no longer in the outbox")]
    public static partial void Replayed(ILogger logger, string deviceId, string requestId, long from, long to, long replayed, long missing);

    [LoggerMessage(4126, LogLevel.Warning, "Uplink {DeviceId}: resend command refused: {Reason}")]
    public static partial void ResendRefused(ILogger logger, string deviceId, string reason);

    [LoggerMessage(4127, LogLevel.Warning, "Uplink {DeviceId}: resend {RequestId} interrupted after {Replayed} records ({Reason}); the cloud asks again")]
    public static partial void ReplayInterrupted(ILogger logger, string deviceId, string requestId, long replayed, string reason);
}
