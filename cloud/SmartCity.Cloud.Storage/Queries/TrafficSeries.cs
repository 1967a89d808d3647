namespace SmartCity.Cloud.Storage.Queries;

/// <summary>
/// Counts of one device × camera × line (or movement) × direction × class, one value per bin. A null value means the device
/// sent no interval with data in that bin (offline, camera down): absent, not zero. Zero means it counted nothing.
/// </summary>
public sealed record TrafficSeries(
    string Device,
    string Site,
    string Camera,
    TrafficCountKind Kind,
    string Line,
    string Direction,
    string Class,
    IReadOnlyList<int?> Counts);
