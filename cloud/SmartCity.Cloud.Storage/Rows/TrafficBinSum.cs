using SmartCity.Cloud.Storage.Queries;

namespace SmartCity.Cloud.Storage.Rows;

/// <summary>A store's raw answer: the sum of one series key in one bin.</summary>
internal readonly record struct TrafficBinSum(
    string Device, string Site, string Camera, TrafficCountKind Kind, string Line, string Direction, string Class, int BinIndex, long Sum);
