namespace SmartCity.Cloud.Storage.Rows;

/// <summary>One stored message: the dedupe key (device, seq) and its envelope. Kept apart from the measures so seq never becomes a dimension.</summary>
internal readonly record struct MessageRow(string Device, long Seq, string Kind, DateTime TsUtc, int IntervalS);
