using System.Text.Json.Serialization;

namespace SmartCity.Edge.Provisioning;

/// <summary>Source-generated JSON for the enrollment exchange (camelCase).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(EnrollmentSubmission))]
[JsonSerializable(typeof(EnrollmentReply))]
[JsonSerializable(typeof(EnrollmentProblem))]
internal sealed partial class ProvisioningJsonContext : JsonSerializerContext;
