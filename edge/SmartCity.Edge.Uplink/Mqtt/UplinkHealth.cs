namespace SmartCity.Edge.Uplink.Mqtt;

/// <summary>Uplink counters for the device's health message.</summary>
/// <param name="Connected">Whether the MQTT session is up now.</param>
/// <param name="OutboxDepthRecords">Durable records not yet acknowledged by the broker.</param>
/// <param name="OutboxDepthBytes">Bytes of the outbox on disk.</param>
/// <param name="LastAckedSeq">Checkpoint: the last seq the broker acknowledged (PUBACK).</param>
/// <param name="Reconnects">Successful connects after the first one.</param>
/// <param name="PublishFailures">Publishes that failed (connection lost, timeout, transient broker refusal).</param>
/// <param name="Resent">Records sent again after a reconnect because their PUBACK had not been checkpointed;
/// the cloud drops them by seq.</param>
/// <param name="Rejected">Records the broker refused for good (not authorized, invalid topic, too large); skipped.</param>
/// <param name="DroppedRecords">Records dropped by the outbox quota.</param>
/// <param name="TruncatedRecords">Torn records cut off the outbox at open.</param>
public readonly record struct UplinkHealth(
    bool Connected,
    long OutboxDepthRecords,
    long OutboxDepthBytes,
    long LastAckedSeq,
    long Reconnects,
    long PublishFailures,
    long Resent,
    long Rejected,
    long DroppedRecords,
    long TruncatedRecords);
