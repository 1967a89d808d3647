namespace SmartCity.Edge.Analytics.Summaries;

/// <summary>A zone over an interval.</summary>
/// <param name="Zone">Zone name.</param>
/// <param name="MeanOccupancy">Objects in the zone, averaged over the interval's frames.</param>
/// <param name="MaxOccupancy">Most objects in the zone in any frame.</param>
/// <param name="Entries">Objects that entered.</param>
/// <param name="Exits">Objects that left (or vanished inside).</param>
/// <param name="DwellSamples">Visits ended in the interval that count for dwell (not shorter than the minimum dwell).</param>
/// <param name="MeanDwellSeconds">Mean time those visits lasted; null when there were none.</param>
/// <param name="MaxDwellSeconds">Longest of them; null when there were none.</param>
public sealed record ZoneSummary(
    string Zone, double MeanOccupancy, int MaxOccupancy, int Entries, int Exits, int DwellSamples, double? MeanDwellSeconds, double? MaxDwellSeconds);
