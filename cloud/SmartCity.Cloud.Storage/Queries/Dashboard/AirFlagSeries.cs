namespace SmartCity.Cloud.Storage.Queries;

/// <summary>The QA flags raised per bin (distinct names, sorted); null where no interval of the bin was flagged.</summary>
/// <param name="Device">Device id.</param>
/// <param name="Sensor">Sensor name.</param>
/// <param name="Quantity">Quantity name.</param>
/// <param name="Flags">Flag names per bin.</param>
/// <param name="FlaggedSamples">Samples that carried a flag, per bin.</param>
public sealed record AirFlagSeries(string Device, string Sensor, string Quantity, IReadOnlyList<IReadOnlyList<string>?> Flags, IReadOnlyList<int?> FlaggedSamples);
