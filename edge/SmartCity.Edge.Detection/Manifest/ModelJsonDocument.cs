namespace SmartCity.Edge.Detection;

/// <summary>The raw contents of a <c>model.json</c>, as written; <see cref="ModelManifest"/> validates it.</summary>
internal sealed record ModelJsonDocument
{
    public string? Name { get; init; }

    public string? Version { get; init; }

    public string? Format { get; init; }

    /// <summary>YOLOX only: boxes are already cx, cy, w, h in input pixels (decode baked into the export).</summary>
    public bool Decoded { get; init; }

    /// <summary>Path of the ONNX file relative to the folder, when it is not the folder's <c>model.onnx</c>.</summary>
    public string? Onnx { get; init; }

    public ModelInputJson? Input { get; init; }

    public ModelOutputJson? Output { get; init; }

    /// <summary>YOLOX grid strides; 8, 16, 32 when absent.</summary>
    public int[]? Strides { get; init; }

    public string[]? Classes { get; init; }

    public Dictionary<string, string>? TrafficClasses { get; init; }

    public float? ScoreThreshold { get; init; }

    public Dictionary<string, float>? ClassThresholds { get; init; }

    public float? NmsIou { get; init; }

    public string? Sha256 { get; init; }

    public string? Licence { get; init; }

    public ModelCardJson? Card { get; init; }
}
