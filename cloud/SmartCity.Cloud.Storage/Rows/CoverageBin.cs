namespace SmartCity.Cloud.Storage.Rows;

/// <summary>A store's raw answer: whether any traffic interval of a device's camera in a bin held data.</summary>
internal readonly record struct CoverageBin(string Device, string Camera, int BinIndex, bool HasData);
