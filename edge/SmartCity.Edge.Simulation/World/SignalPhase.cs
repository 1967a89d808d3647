using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Simulation.World;

/// <summary>One step of the signal plan: which approach moves (if any), its aspect, whether pedestrians walk.</summary>
internal readonly record struct SignalPhase(string Name, Approach Moving, SignalAspect Aspect, bool PedestrianWalk, double Seconds);
