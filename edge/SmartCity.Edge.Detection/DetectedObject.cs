using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Detection;

/// <summary>One detected object.</summary>
/// <param name="Box">Box in source-image pixels (model-input pixels while still inside the detector), clipped to the image.</param>
/// <param name="Score">Confidence, 0–1 (objectness × class score where the format has objectness).</param>
/// <param name="ClassId">Index into the model's class names.</param>
/// <param name="TrafficClass">The road-user class the model's class maps to.</param>
public readonly record struct DetectedObject(BoxF Box, float Score, int ClassId, TrafficClass TrafficClass);
