namespace SmartCity.Cloud.Storage.Queries;

/// <summary>Whether a device's camera sent an interval with data in each bin of a <see cref="TrafficBins"/>.</summary>
public sealed record TrafficCoverage(string Device, string Camera, IReadOnlyList<bool> HasData);
