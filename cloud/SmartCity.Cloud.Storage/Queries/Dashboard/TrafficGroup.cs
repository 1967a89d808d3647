namespace SmartCity.Cloud.Storage.Queries;

/// <summary>
/// One group of a <see cref="TrafficAggregate"/>: the kept dimensions' values (null for dimensions summed over) and
/// the count per bin. A null count means no camera of the group sent an interval with data in that bin.
/// </summary>
public sealed record TrafficGroup(string? Device, string? Camera, string? Line, string? Direction, string? Class, IReadOnlyList<long?> Counts);
