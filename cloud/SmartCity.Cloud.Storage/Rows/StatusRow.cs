namespace SmartCity.Cloud.Storage.Rows;

/// <summary>One status message (birth, last will, clean shutdown).</summary>
internal readonly record struct StatusRow(long Seq, string Device, DateTime TsUtc, string State, string? Detail);
