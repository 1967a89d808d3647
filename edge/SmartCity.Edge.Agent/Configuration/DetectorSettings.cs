namespace SmartCity.Edge.Agent.Configuration;

/// <summary>Which model the detector runs and how.</summary>
public sealed class DetectorSettings
{
    /// <summary>Model folder (model.onnx + model.json); relative paths are looked up from the working directory upwards.</summary>
    public string Model { get; set; } = "models/demo-traffic";

    /// <summary>ONNX Runtime intra-op threads.</summary>
    public int IntraOpThreads { get; set; } = 1;

    /// <summary>Score threshold overriding the model's own, 0–1.</summary>
    public float? ScoreThreshold { get; set; }

    /// <summary>NMS IoU overriding the model's own, 0–1.</summary>
    public float? NmsIou { get; set; }

    /// <summary>Per-class thresholds by the model's class names, overriding the model's.</summary>
    public Dictionary<string, float> ClassThresholds { get; set; } = new(StringComparer.Ordinal);
}
