namespace SmartCity.Edge.Detection;

/// <summary>Where the time of the last detection went, in milliseconds.</summary>
/// <param name="PreprocessMs">Letterbox, colour order, scaling and layout into the input tensor (on the helper thread, during the previous frame's inference, when <see cref="PreprocessOverlapped"/>).</param>
/// <param name="InferenceMs">The ONNX Runtime call.</param>
/// <param name="PostprocessMs">Decoding, thresholds, NMS and mapping back to source pixels.</param>
public readonly record struct DetectorTimings(double PreprocessMs, double InferenceMs, double PostprocessMs)
{
    /// <summary>The pre-processing ran on the helper thread while the previous frame was inferred, so it added no time to this frame.</summary>
    public bool PreprocessOverlapped { get; init; }

    /// <summary>The three stages added up (more than the frame's wall time when <see cref="PreprocessOverlapped"/>).</summary>
    public double TotalMs => PreprocessMs + InferenceMs + PostprocessMs;
}
