using System.Text.Json;
using System.Text.Json.Serialization;

namespace SmartCity.Edge.Detection;

/// <summary>The <c>card</c> object of a <c>model.json</c>.</summary>
internal sealed record ModelCardJson
{
    public string? IntendedUse { get; init; }

    public string? TrainingData { get; init; }

    public Dictionary<string, double>? Metrics { get; init; }

    public string? Limits { get; init; }

    /// <summary>Further free-form card fields (per-class notes, evaluation setup) are kept, not refused.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
