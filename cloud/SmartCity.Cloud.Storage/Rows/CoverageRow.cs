namespace SmartCity.Cloud.Storage.Rows;

/// <summary>
/// That a camera of a device sent a traffic interval, and whether it held data. This is what keeps "no data" apart
/// from zero: counts are only written when non-zero, so a bin is zero when covered and absent when not.
/// </summary>
internal readonly record struct CoverageRow(
    long Seq, string Device, string Site, string Camera, DateTime StartUtc, int IntervalS, string Status, bool HasData);
