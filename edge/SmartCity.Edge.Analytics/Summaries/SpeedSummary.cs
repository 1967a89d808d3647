namespace SmartCity.Edge.Analytics.Summaries;

/// <summary>Speeds measured at one line or approach over an interval (ground speeds from the calibration).</summary>
/// <param name="Name">Line or approach name.</param>
/// <param name="Site">Line or approach.</param>
/// <param name="Samples">Road users with a known speed.</param>
/// <param name="MeanKmh">Mean speed, km/h; null without samples.</param>
/// <param name="P85Kmh">85th percentile (linear between ranks), km/h; null without samples.</param>
public sealed record SpeedSummary(string Name, SpeedSite Site, int Samples, double? MeanKmh, double? P85Kmh);
