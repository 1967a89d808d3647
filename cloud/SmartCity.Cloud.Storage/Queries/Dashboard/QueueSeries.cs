namespace SmartCity.Cloud.Storage.Queries;

/// <summary>One approach's queue per bin, metres on the ground; null where no interval with data began in the bin.</summary>
/// <param name="Device">Device id.</param>
/// <param name="Site">Site of the device.</param>
/// <param name="Camera">Camera name.</param>
/// <param name="Approach">Approach name.</param>
/// <param name="MaxM">Longest queue of the bin's intervals, m.</param>
/// <param name="MeanM">Mean of the intervals' mean queue lengths, m.</param>
/// <param name="MaxVehicles">Most stopped vehicles in any interval.</param>
public sealed record QueueSeries(
    string Device, string Site, string Camera, string Approach, IReadOnlyList<double?> MaxM, IReadOnlyList<double?> MeanM, IReadOnlyList<int?> MaxVehicles);
