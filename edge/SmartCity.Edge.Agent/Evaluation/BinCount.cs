namespace SmartCity.Edge.Agent.Evaluation;

/// <summary>True and counted vehicles of one scenario in one reporting bin (15 minutes by default).</summary>
/// <param name="Start">Start of the bin.</param>
/// <param name="True">Reference count: the analytics fed with the ground-truth tracks.</param>
/// <param name="Counted">Count of the full pipeline (detector, tracker, analytics).</param>
/// <param name="Partial">The scenario ended (or started) inside the bin, so it covers less than the bin length.</param>
internal readonly record struct BinCount(DateTimeOffset Start, long True, long Counted, bool Partial);
