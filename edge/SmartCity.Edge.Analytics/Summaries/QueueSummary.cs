namespace SmartCity.Edge.Analytics.Summaries;

/// <summary>Queue behind one approach's stop line over an interval.</summary>
/// <param name="Approach">Approach name.</param>
/// <param name="MaxVehicles">Most stopped vehicles in the queue zone in any frame.</param>
/// <param name="MaxMetres">Longest queue: stop line to the farthest stopped vehicle's rear, metres on the ground.</param>
/// <param name="MeanMetres">Queue length averaged over the detector frames of the interval (0 when empty).</param>
public sealed record QueueSummary(string Approach, int MaxVehicles, double MaxMetres, double MeanMetres);
