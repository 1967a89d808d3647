using System.Buffers;

namespace SmartCity.Edge.Uplink.Outbox;

/// <summary>Writes a record's payload for the seq the outbox assigns to it (see <see cref="DiskOutbox.Append{TState}"/>).</summary>
/// <typeparam name="TState">Caller state passed through without a closure allocation.</typeparam>
/// <param name="seq">The seq the record gets; a wire payload puts it in its <c>seq</c> field.</param>
/// <param name="state">The caller's state.</param>
/// <param name="destination">Pooled buffer to write the payload into.</param>
public delegate void OutboxPayloadWriter<in TState>(long seq, TState state, IBufferWriter<byte> destination);
