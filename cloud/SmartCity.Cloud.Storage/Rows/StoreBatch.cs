namespace SmartCity.Cloud.Storage.Rows;

/// <summary>
/// A batch of messages flattened into the rows every store writes. Repeats of a (device, seq) within the batch are
/// already dropped; repeats of messages stored earlier are for the store to drop.
/// </summary>
internal sealed partial class StoreBatch
{
    public List<MessageRow> Messages { get; } = [];

    public List<TrafficRow> Traffic { get; } = [];

    public List<CoverageRow> Coverage { get; } = [];

    public List<AirRow> Air { get; } = [];

    public List<StatusRow> Status { get; } = [];

    /// <summary>Repeats of a (device, seq) inside this batch.</summary>
    public int RepeatsInBatch { get; set; }
}
