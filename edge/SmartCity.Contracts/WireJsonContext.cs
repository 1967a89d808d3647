using System.Text.Json.Serialization;

namespace SmartCity.Contracts;

/// <summary>
/// Source-generated serializers for every payload: no reflection at run time (trimming and AOT safe, fast start on the
/// edge box). Nullable annotations and required members are enforced when reading, so a missing or null
/// <c>device</c> is a parse failure, not a null that surfaces later.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    MaxDepth = WireJson.MaxDepth,
    AllowDuplicateProperties = false)]
[JsonSerializable(typeof(StatusPayload))]
[JsonSerializable(typeof(TrafficSummaryPayload))]
[JsonSerializable(typeof(AirSummaryPayload))]
[JsonSerializable(typeof(HealthPayload))]
[JsonSerializable(typeof(CrossingEventsPayload))]
[JsonSerializable(typeof(CommandPayload))]
[JsonSerializable(typeof(CommandResultPayload))]
internal sealed partial class WireJsonContext : JsonSerializerContext;
