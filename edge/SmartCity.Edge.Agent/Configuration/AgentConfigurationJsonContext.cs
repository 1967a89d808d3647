using System.Text.Json;
using System.Text.Json.Serialization;

namespace SmartCity.Edge.Agent.Configuration;

/// <summary>Source-generated JSON metadata for the configuration file: camelCase keys, unknown keys refused.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(AgentConfiguration))]
internal sealed partial class AgentConfigurationJsonContext : JsonSerializerContext;
