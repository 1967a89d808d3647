using System.Text.Json;
using System.Text.Json.Serialization;

namespace SmartCity.Edge.Sensors.Configuration;

/// <summary>
/// Source-generated JSON for a standalone <c>sensors</c> section (tests, tools). The agent's own context uses
/// the same options: camelCase keys, unknown keys refused, enums as strings.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(SensorsConfiguration))]
public sealed partial class SensorsConfigurationJsonContext : JsonSerializerContext;
