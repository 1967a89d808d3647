namespace SmartCity.Edge.Agent.Evaluation;

/// <summary>The reporting bins of one scenario, oldest first, for the counted-vs-true chart.</summary>
/// <param name="Scenario">Scenario name.</param>
/// <param name="Bins">Its bins.</param>
internal sealed record BinCountSeries(string Scenario, IReadOnlyList<BinCount> Bins);
