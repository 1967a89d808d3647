using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Agent.Evaluation;

/// <summary>One tracker output in one frame, as the tracking metrics see it: an identity and a box.</summary>
/// <param name="TrackId">The tracker's id, stable while the tracker believes it follows the same object.</param>
/// <param name="Box">Box in image pixels.</param>
internal readonly record struct TrackBox(int TrackId, BoxF Box);
