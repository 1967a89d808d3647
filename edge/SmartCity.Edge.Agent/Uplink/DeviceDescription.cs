using System.Reflection;
using SmartCity.Contracts;

namespace SmartCity.Edge.Agent.Uplink;

/// <summary>
/// What a device says about itself in <c>status</c> and <c>health</c>: agent version (with the firmware, when known)
/// and the detection model's name, version and sha256.
/// </summary>
/// <param name="AgentVersion">Agent version, e.g. <c>0.4.0</c>, followed by <c>(firmware …)</c> when the firmware is known.</param>
/// <param name="ModelVersion">Model as <c>name@version sha256:…</c>; null when no model is loaded.</param>
public sealed record DeviceDescription(string AgentVersion, string? ModelVersion)
{
    /// <summary>The version of this agent build (informational version without the source revision).</summary>
    public static string CurrentAgentVersion
    {
        get
        {
            string? v = typeof(DeviceDescription).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
            if (string.IsNullOrEmpty(v))
            {
                return typeof(DeviceDescription).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
            }

            int plus = v.IndexOf('+', StringComparison.Ordinal);
            return plus > 0 ? v[..plus] : v;
        }
    }

    /// <summary>
    /// Builds the description. The wire contract v1 has no firmware or model-hash member, so both travel in the
    /// name strings (<c>agent_version</c> "0.4.0 (firmware raspios-2025-05)", <c>model_version</c>
    /// "demo-traffic@1 sha256:ab12…"), each within the contract's 128-character name limit.
    /// </summary>
    public static DeviceDescription Create(string agentVersion, string? firmware, string? modelName, string? modelVersion, string? modelSha256)
    {
        string agent = string.IsNullOrWhiteSpace(firmware) ? agentVersion : $"{agentVersion} (firmware {firmware.Trim()})";
        string? model = null;
        if (!string.IsNullOrWhiteSpace(modelName))
        {
            model = string.IsNullOrWhiteSpace(modelVersion) ? modelName : $"{modelName}@{modelVersion}";
            if (!string.IsNullOrWhiteSpace(modelSha256))
            {
                model = $"{model} sha256:{modelSha256.ToLowerInvariant()}";
            }
        }

        return new DeviceDescription(Clip(agent), model is null ? null : Clip(model));
    }

    /// <summary>The firmware release from <c>/etc/smartcity-release</c> (first line), or null where there is none.</summary>
    public static string? ReadFirmwareRelease(string path = "/etc/smartcity-release")
    {
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }

            string? line = File.ReadLines(path).FirstOrDefault()?.Trim();
            return string.IsNullOrEmpty(line) ? null : line;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string Clip(string s) => s.Length <= WireValidator.MaxNameLength ? s : s[..WireValidator.MaxNameLength];
}
