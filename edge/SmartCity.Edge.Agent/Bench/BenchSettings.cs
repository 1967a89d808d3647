using SmartCity.Edge.Simulation.Scenarios;

namespace SmartCity.Edge.Agent.Bench;

/// <summary>What the <c>bench</c> command measures.</summary>
internal sealed record BenchSettings(
    string ModelFolder,
    string? CompareModelFolder,
    IReadOnlyList<int> ThreadCounts,
    int Frames,
    int Rounds,
    ScenarioOptions Scenario,
    int GateFrames,
    bool? Overlap = null);
