using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Simulation.World;

/// <summary>An arrival waiting for room at the start of its lane (the queue has spilled back out of view).</summary>
internal readonly record struct PendingArrival(TrafficClass Class, Route Route, float Lateral);
