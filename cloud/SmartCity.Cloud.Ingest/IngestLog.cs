using Microsoft.Extensions.Logging;

namespace SmartCity.Cloud.Ingest;

/// <summary>Source-generated log messages of the cloud ingest (event ids 5100-5129).</summary>
internal static partial class IngestLog
{
    [LoggerMessage(5100, LogLevel.Information, "Ingest {ClientId} connected to {Host}:{Port} (session present: {SessionPresent}) and subscribed to {Filter}")]
    public static partial void Connected(ILogger logger, string clientId, string host, int port, bool sessionPresent, string filter);

    [LoggerMessage(5101, LogLevel.Warning, "Ingest {ClientId}: connection to {Host}:{Port} failed or lost ({Reason}); retrying in {DelayMs:F0} ms")]
    public static partial void Retrying(ILogger logger, string clientId, string host, int port, string reason, double delayMs);

    [LoggerMessage(5102, LogLevel.Warning, "Ingest dead-lettered a message from device {Device} on {Topic}: {Reason}: {Detail}")]
    public static partial void DeadLettered(ILogger logger, string device, string topic, DeadLetterReason reason, string detail);

    [LoggerMessage(5103, LogLevel.Warning, "Ingest {ClientId}: store write of {Count} messages failed ({Error}); nothing acknowledged, retry {Attempt} in {DelayMs:F0} ms")]
    public static partial void StoreFailed(ILogger logger, string clientId, int count, string error, int attempt, double delayMs);

    [LoggerMessage(5104, LogLevel.Warning, "Ingest {ClientId}: dead-letter store write of {Count} messages failed ({Error}); nothing acknowledged, retry {Attempt} in {DelayMs:F0} ms")]
    public static partial void DeadLetterStoreFailed(ILogger logger, string clientId, int count, string error, int attempt, double delayMs);

    [LoggerMessage(5105, LogLevel.Information, "Ingest: device {Device} is missing seq {From}..{To} for {AgeMs:F0} ms; requested a resend (request {RequestId})")]
    public static partial void ResendRequested(ILogger logger, string device, long from, long to, double ageMs, string requestId);

    [LoggerMessage(5106, LogLevel.Warning, "Ingest: resend request to device {Device} failed: {Error}")]
    public static partial void ResendFailed(ILogger logger, string device, string error);

    [LoggerMessage(5107, LogLevel.Information, "Ingest {ClientId} stopped: {Received} received, {Stored} stored, {Duplicates} duplicates, {DeadLettered} dead-lettered")]
    public static partial void Stopped(ILogger logger, string clientId, long received, long stored, long duplicates, long deadLettered);

    [LoggerMessage(5108, LogLevel.Error, "Ingest {ClientId}: unexpected failure in {Loop}; continuing")]
    public static partial void LoopFailed(ILogger logger, Exception exception, string clientId, string loop);

    [LoggerMessage(5109, LogLevel.Information, "Ingest: device {Device} answered resend request {RequestId}: {Outcome} {Message}")]
    public static partial void CommandResult(ILogger logger, string device, string requestId, string outcome, string? message);

    [LoggerMessage(5110, LogLevel.Warning, "Ingest {ClientId}: the broker has no shared subscriptions; subscribed to {Filter} instead, so every node receives every message (the store keeps each once). Run one node on this broker.")]
    public static partial void NoSharedSubscriptions(ILogger logger, string clientId, string filter);

    [LoggerMessage(5111, LogLevel.Warning, "Ingest {ClientId}: cannot read the store's last seqs ({Error}); the seq audit starts each device at the first seq it sees")]
    public static partial void AuditStartFailed(ILogger logger, string clientId, string error);

    [LoggerMessage(5112, LogLevel.Error, "Ingest: device {Device} seq {From}..{To} given up as lost after {AgeHours:F1} h open (past the device's replay window)")]
    public static partial void GapGivenUp(ILogger logger, string device, long from, long to, double ageHours);

    [LoggerMessage(5113, LogLevel.Error, "Ingest {ClientId}: the store refuses a batch of {Count} messages for good ({Error}); isolating the refused messages to dead-letter them and store the rest")]
    public static partial void StoreRefused(ILogger logger, string clientId, int count, string error);
}
