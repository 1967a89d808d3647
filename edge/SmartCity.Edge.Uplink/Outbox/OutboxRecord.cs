namespace SmartCity.Edge.Uplink.Outbox;

/// <summary>One message read back from the outbox: its sequence number, MQTT topic and payload bytes.</summary>
/// <param name="Seq">Per-device sequence number, assigned by <see cref="DiskOutbox.Append"/>.</param>
/// <param name="Topic">MQTT topic the message is published to.</param>
/// <param name="Payload">Message body as stored (the UTF-8 JSON of the wire contract).</param>
public sealed record OutboxRecord(long Seq, string Topic, ReadOnlyMemory<byte> Payload);
