namespace SmartCity.Edge.Agent.Configuration;

/// <summary>Which model the detector runs and how.</summary>
public sealed class DetectorSettings
{
    /// <summary>Model folder (model.onnx + model.json); relative paths are looked up from the working directory upwards.</summary>
    public string Model { get; set; } = "models/demo-traffic";

    /// <summary>ONNX Runtime intra-op threads.</summary>
    public int IntraOpThreads { get; set; } = 1;

    /// <summary>
    /// The score from which a detection counts as a road user, overriding the model's own threshold, 0–1: the tracker
    /// starts tracks only from detections at or above it (ByteTrack's high threshold; a <c>Tracker</c> section's
    /// <c>HighScore</c> wins when one is configured) and the status line counts those. Detections below it, down to
    /// the tracker's low floor, still reach the tracker, where they can only extend a track.
    /// </summary>
    public float? ScoreThreshold { get; set; }

    /// <summary>NMS IoU overriding the model's own, 0–1.</summary>
    public float? NmsIou { get; set; }

    /// <summary>
    /// Per-class score floors by the model's class names: a detection of that class below its floor is dropped before
    /// the tracker (it neither starts nor extends a track), for a class the model over-detects on this camera.
    /// </summary>
    public Dictionary<string, float> ClassThresholds { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// A rectangle of the frame (<c>x</c>, <c>y</c>, <c>width</c>, <c>height</c> in pixels) the detector runs on a second
    /// time, enlarged to the model's input, for a far approach whose vehicles are a few pixels tall; null (default):
    /// one pass. Costs a second inference per frame. See <see cref="Detection.DetectorOptions.DetailRegion"/>.
    /// </summary>
    public Detection.DetailRegion? DetailRegion { get; set; }

    /// <summary>With <see cref="DetailRegion"/>: boxes lower than this many pixels inside it come from the region's pass.</summary>
    public float DetailMaxHeight { get; set; } = Detection.DetectorOptions.DefaultDetailMaxHeight;
}
