using System.Text.Json.Serialization;

namespace SmartCity.Cloud.Ingest;

/// <summary>Source-generated JSON for dead-letter lines.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(DeadLetter))]
internal sealed partial class DeadLetterJsonContext : JsonSerializerContext;
