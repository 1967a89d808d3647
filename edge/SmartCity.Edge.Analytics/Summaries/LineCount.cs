using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Analytics.Summaries;

/// <summary>Crossings of one line in one direction by one class in an interval.</summary>
public readonly record struct LineCount(string Line, CrossingDirection Direction, TrafficClass Class, int Count);
