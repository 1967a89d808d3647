using SmartCity.Cloud.Storage.Queries;

namespace SmartCity.Cloud.Storage.Rows;

/// <summary>One count of one interval. <paramref name="StartUtc"/> is the interval start, so a bin holds the intervals that begin in it.</summary>
internal readonly record struct TrafficRow(
    long Seq, string Device, string Site, string Camera, DateTime StartUtc, TrafficCountKind Kind, string Line, string Direction, string Class, int Count);
