using System.Text.Json.Serialization;

namespace SmartCity.Edge.Detection;

/// <summary>
/// Source-generated JSON for <c>model.json</c>. Unknown properties are refused so that a misspelt key
/// ("colourOrder") fails at load instead of silently falling back to a default.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(ModelJsonDocument))]
internal sealed partial class ModelJsonContext : JsonSerializerContext;
