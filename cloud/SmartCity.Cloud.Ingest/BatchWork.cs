using SmartCity.Contracts;

namespace SmartCity.Cloud.Ingest;

/// <summary>One batch on its way through the ingest pipeline: the received messages (their pooled payload buffers),
/// the payloads that passed validation, the dead letters, and the messages to acknowledge once durable. Reused: the
/// lists keep their capacity from batch to batch.</summary>
internal sealed class BatchWork(int capacity, int reasons)
{
    public List<PendingMessage> Messages { get; } = new(capacity);

    public List<WirePayload> Payloads { get; } = new(capacity);

    /// <summary>The received message each of <see cref="Payloads"/> was parsed from (same index).</summary>
    public List<PendingMessage> PayloadSources { get; } = new(capacity);

    public List<DeadLetter> Letters { get; } = [];

    public List<PendingMessage> Accepted { get; } = new(capacity);

    /// <summary>Dead letters of the batch per <see cref="DeadLetterReason"/>.</summary>
    public int[] ByReason { get; } = new int[reasons];

    /// <summary>Returns the payload buffers to the pool and empties the batch.</summary>
    public void Clear()
    {
        foreach (var message in Messages)
        {
            message.Release();
        }

        Messages.Clear();
        Payloads.Clear();
        PayloadSources.Clear();
        Letters.Clear();
        Accepted.Clear();
        Array.Clear(ByReason);
    }
}
