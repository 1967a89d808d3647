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

        if (Retention is { } r && r <= TimeSpan.Zero)
        {
            throw new ArgumentException($"DuckDbStoreOptions.Retention must be positive (was {r}); use null to keep everything.", nameof(Retention));
        }
    }
}
