namespace SmartCity.Cloud.Storage.Rows;

/// <summary>A store's raw answer: the mean of one device's quantity in one bin.</summary>
internal readonly record struct AirBinMean(string Device, string Site, string Sensor, string Unit, int BinIndex, double Mean);
