using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Analytics.Summaries;

/// <summary>Road users of one class that made one turning movement in an interval.</summary>
public readonly record struct MovementCount(string From, string To, MovementKind Kind, TrafficClass Class, int Count);
