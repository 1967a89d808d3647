using System.Text.Json.Serialization;

namespace SmartCity.Edge.Provisioning;

/// <summary>JSON string escaping for template values.</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class ProvisioningStringContext : JsonSerializerContext;
