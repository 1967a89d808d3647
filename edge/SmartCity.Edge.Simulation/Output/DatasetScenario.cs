using SmartCity.Edge.Simulation.Scenarios;

namespace SmartCity.Edge.Simulation.Output;

/// <summary>One scenario's share of a training dataset.</summary>
/// <param name="Options">The scenario.</param>
/// <param name="Seed">Seed to play it with.</param>
/// <param name="Frames">Frames to write (samples, not rendered frames).</param>
/// <param name="FrameStride">Keep every k-th rendered frame, so consecutive samples are less alike.</param>
public sealed record DatasetScenario(ScenarioOptions Options, int Seed, int Frames, int FrameStride = 5);
