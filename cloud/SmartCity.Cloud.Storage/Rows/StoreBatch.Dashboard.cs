namespace SmartCity.Cloud.Storage.Rows;

/// <summary>The rows only the dashboard reads: health, queues, speeds, air QA flags.</summary>
internal sealed partial class StoreBatch
{
    public List<HealthRow> Health { get; } = [];

    public List<QueueRow> Queues { get; } = [];

    public List<SpeedRow> Speeds { get; } = [];

    public List<AirFlagRow> AirFlags { get; } = [];
}
