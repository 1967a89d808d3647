using System.Text.Json.Serialization;

namespace SmartCity.Edge.Updates;

/// <summary>Source-generated JSON for manifests and the update state: compact, camelCase, no comments.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = false,
    AllowDuplicateProperties = false,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectRequiredConstructorParameters = true,
    RespectNullableAnnotations = true)]
[JsonSerializable(typeof(BundleManifest))]
[JsonSerializable(typeof(UpdateState))]
internal sealed partial class BundleJsonContext : JsonSerializerContext;
