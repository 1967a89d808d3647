namespace SmartCity.Edge.Detection;

/// <summary>Where the time of the last detection went, in milliseconds.</summary>
/// <param name="PreprocessMs">Letterbox, colour order, scaling and layout into the input tensor.</param>
/// <param name="InferenceMs">The ONNX Runtime call.</param>
/// <param name="PostprocessMs">Decoding, thresholds, NMS and mapping back to source pixels.</param>
public readonly record struct DetectorTimings(double PreprocessMs, double InferenceMs, double PostprocessMs)
{
    /// <summary>The whole detection.</summary>
    public double TotalMs => PreprocessMs + InferenceMs + PostprocessMs;
}
