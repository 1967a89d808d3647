using System.Text.Json.Serialization;

namespace SmartCity.Cloud.Enrollment;

/// <summary>Source-generated JSON for the enrollment messages and state (camelCase).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = false, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(EnrollmentRequest))]
[JsonSerializable(typeof(EnrollmentResponse))]
[JsonSerializable(typeof(TokenRequest))]
[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(EnrollmentState))]
public sealed partial class EnrollmentJsonContext : JsonSerializerContext;
