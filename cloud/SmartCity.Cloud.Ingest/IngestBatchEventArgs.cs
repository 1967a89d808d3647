using SmartCity.Cloud.Storage.Queries;
using SmartCity.Contracts;

namespace SmartCity.Cloud.Ingest;

/// <summary>A batch that has just become durable in the store.</summary>
public sealed class IngestBatchEventArgs : EventArgs
{
    /// <summary>Creates the event data.</summary>
    public IngestBatchEventArgs(IReadOnlyList<WirePayload> payloads, StoreWriteResult result)
    {
        Payloads = payloads;
        Result = result;
    }

    /// <summary>The payloads of the batch, in arrival order, without those the seq audit knows as duplicates.</summary>
    public IReadOnlyList<WirePayload> Payloads { get; }

    /// <summary>What the store reported for the batch.</summary>
    public StoreWriteResult Result { get; }
}
