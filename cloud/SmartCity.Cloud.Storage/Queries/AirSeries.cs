namespace SmartCity.Cloud.Storage.Queries;

/// <summary>The mean of one quantity of one device per bin measured by one sensor (mean of the interval means); null where no interval had a value.</summary>
public sealed record AirSeries(string Device, string Site, string Sensor, string Quantity, string Unit, IReadOnlyList<double?> Means);
