namespace SmartCity.Cloud.Storage.Queries;

/// <summary>
/// Speeds at one line or approach per bin, km/h; null where no road user had a known speed. The bin's mean is the
/// sample-weighted mean of the interval means; its 85th percentile is the sample-weighted mean of the interval
/// 85th percentiles (an approximation: the raw speeds stay on the device).
/// </summary>
/// <param name="Device">Device id.</param>
/// <param name="Site">Site of the device.</param>
/// <param name="Camera">Camera name.</param>
/// <param name="Name">Line or approach name.</param>
/// <param name="Where">"line" or "approach".</param>
/// <param name="MeanKmh">Mean speed, km/h.</param>
/// <param name="P85Kmh">85th percentile speed, km/h.</param>
/// <param name="Samples">Road users with a known speed.</param>
public sealed record SpeedSeries(
    string Device, string Site, string Camera, string Name, string Where, IReadOnlyList<double?> MeanKmh, IReadOnlyList<double?> P85Kmh, IReadOnlyList<int?> Samples);
