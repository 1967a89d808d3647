namespace SmartCity.Cloud.Storage.Rows;

/// <summary>The interval mean of one air quantity.</summary>
internal readonly record struct AirRow(long Seq, string Device, string Site, string Sensor, DateTime StartUtc, string Quantity, string Unit, double Value);
