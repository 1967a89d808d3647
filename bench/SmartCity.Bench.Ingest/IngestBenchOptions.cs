namespace SmartCity.Bench.Ingest;

/// <summary>Settings of one <c>bench ingest</c> run.</summary>
internal sealed class IngestBenchOptions
{
    public int Devices { get; set; } = 10_000;

    /// <summary>Paced mode: each device publishes once per period.</summary>
    public TimeSpan Period { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Max-throughput mode: publishes in flight per device; 0 = paced.</summary>
    public int Window { get; set; }

    public TimeSpan Duration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Run <c>mosquitto_sub</c> on the same stream for the raw drain rate.</summary>
    public bool MosquittoSub { get; set; } = true;

    /// <summary>Ingest batch size (messages per store transaction).</summary>
    public int MaxBatchMessages { get; set; } = 5000;

    /// <summary>Ingest batch delay.</summary>
    public TimeSpan MaxBatchDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>DuckDB checkpoint threshold (WAL size), MiB; the store's default unless given.</summary>
    public int CheckpointThresholdMiB { get; set; } = new SmartCity.Cloud.Storage.DuckDb.DuckDbStoreOptions().CheckpointThresholdMiB;

    /// <summary>Folder for the DuckDB file; null = a temp folder deleted afterwards.</summary>
    public string? DataFolder { get; set; }

    /// <summary>A running broker to use instead of starting Mosquitto; it must know the devices (user = id, password
    /// <c>pw-{id}</c>) and the ingest user.</summary>
    public BrokerEndpoint? ExternalBroker { get; set; }

    /// <summary>Longest wait for the ingest to store everything after the devices stop.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromMinutes(3);
}
