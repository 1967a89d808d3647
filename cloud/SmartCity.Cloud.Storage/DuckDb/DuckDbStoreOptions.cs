namespace SmartCity.Cloud.Storage.DuckDb;

/// <summary>Where and how the embedded store keeps its file.</summary>
public sealed class DuckDbStoreOptions
{
    /// <summary>The data folder; created when missing.</summary>
    public string DataFolder { get; set; } = "data";

    /// <summary>The database file name inside <see cref="DataFolder"/>.</summary>
    public string FileName { get; set; } = "timeseries.duckdb";

    /// <summary>How long data is kept; null keeps everything. A retention pass deletes what is older.</summary>
    public TimeSpan? Retention { get; set; } = TimeSpan.FromDays(400);

    /// <summary>Device id → site name; devices not listed are stored under <see cref="DeviceSiteMap.Unassigned"/>.</summary>
    public IReadOnlyDictionary<string, string> DeviceSites { get; set; } = new Dictionary<string, string>();

    /// <summary>WAL size at which DuckDB checkpoints (folds the WAL into the database file, compressing the new rows),
    /// in MiB; DuckDB's own default is 16. The checkpoint runs inside the commit that crosses the threshold, and part of
    /// its work grows with the table, not with the WAL, so small thresholds cost more per row: measured with 1,000,000
    /// bench messages, 16 MiB spent about 19 µs of CPU per message in commits, 256 MiB about 12 (the rest of the
    /// compression work then happens at the next checkpoint or at close). The WAL holds about 300 bytes per message,
    /// so 256 MiB is a checkpoint every ~0.9 million messages; a crash replays at most that much WAL on the next open.</summary>
    public int CheckpointThresholdMiB { get; set; } = 256;

    /// <summary>The full path of the database file.</summary>
    public string DatabasePath => Path.GetFullPath(Path.Combine(DataFolder, FileName));

    /// <summary>Throws with the setting's name when a value cannot work.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(DataFolder))
        {
            throw new ArgumentException("DuckDbStoreOptions.DataFolder is empty.", nameof(DataFolder));
        }

        if (string.IsNullOrWhiteSpace(FileName) || FileName.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
        {
            throw new ArgumentException($"DuckDbStoreOptions.FileName '{FileName}' is not a file name.", nameof(FileName));
        }

        if (CheckpointThresholdMiB is < 1 or > 65_536)
        {
            throw new ArgumentException($"DuckDbStoreOptions.CheckpointThresholdMiB must be 1-65536 (was {CheckpointThresholdMiB}).", nameof(CheckpointThresholdMiB));
        }

        if (Retention is { } r && r <= TimeSpan.Zero)
        {
            throw new ArgumentException($"DuckDbStoreOptions.Retention must be positive (was {r}); use null to keep everything.", nameof(Retention));
        }
    }
}
