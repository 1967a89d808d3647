namespace SmartCity.Edge.Detection;

/// <summary>The optional <c>output</c> object of a <c>model.json</c>.</summary>
internal sealed record ModelOutputJson
{
    /// <summary>Which output to decode; the model's first output when absent.</summary>
    public string? Name { get; init; }

    /// <summary>Row count of an end2end output whose ONNX shape is dynamic (300 when absent).</summary>
    public int? Rows { get; init; }
}
