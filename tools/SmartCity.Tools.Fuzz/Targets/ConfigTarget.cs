using System.Text;
using System.Text.RegularExpressions;
using SmartCity.Edge.Agent.Configuration;
using SmartCity.Edge.Vision.Sources;

namespace SmartCity.Tools.Fuzz.Targets;

/// <summary>
/// The device configuration loader: <see cref="AgentConfigurationLoader.LoadFromText"/> (what <c>Load</c> runs after
/// reading the file: JSON binding and every section's validation). Refusal: <see cref="AgentConfigurationException"/>.
/// Seeds: <c>firmware-configs/devices/*.json</c> and <c>firmware-configs/templates/*.json</c>.
/// </summary>
public sealed partial class ConfigTarget : IFuzzTarget
{
    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);
    private readonly FrameSourceFactory _sources = CreateSources();

    /// <summary>Reads the seeds from <paramref name="firmwareConfigs"/> (the repository's <c>firmware-configs</c> folder).</summary>
    public ConfigTarget(string firmwareConfigs)
    {
        var files = new List<string>();
        foreach (string sub in new[] { "devices", "templates" })
        {
            string dir = Path.Combine(firmwareConfigs, sub);
            if (Directory.Exists(dir))
            {
                files.AddRange(Directory.GetFiles(dir, "*.json"));
            }
        }

        if (files.Count == 0)
        {
            throw new DirectoryNotFoundException($"{firmwareConfigs}: no devices/*.json or templates/*.json to start from.");
        }

        files.Sort(StringComparer.Ordinal);
        SeedFiles = files;
        // Templates hold provisioning placeholders ({{device_id}}, {{broker_port}}): filled in, they are valid seeds too.
        // Certificate placeholders become the template's own path: the loader checks that the file exists.
        Seeds = files.ConvertAll(f => Encoding.UTF8.GetBytes(Placeholder().Replace(
            File.ReadAllText(f).Replace("{{broker_port}}", "8883", StringComparison.Ordinal),
            m => m.Value.Contains("certificate", StringComparison.Ordinal) || m.Value.Contains("key", StringComparison.Ordinal)
                ? Path.GetFullPath(f).Replace("\\", "/", StringComparison.Ordinal)
                : "fuzz-device-01")));
    }

    /// <inheritdoc/>
    public string Name => "config";

    /// <inheritdoc/>
    public bool IsText => true;

    /// <inheritdoc/>
    public IReadOnlyList<byte[]> Seeds { get; }

    /// <summary>The files the seeds came from.</summary>
    public IReadOnlyList<string> SeedFiles { get; }

    /// <inheritdoc/>
    public string? Run(ReadOnlySpan<byte> input, int seedIndex, int random)
    {
        // File.ReadAllText decodes with replacement characters, as here.
        string text = s_utf8.GetString(input);
        try
        {
            AgentConfiguration config = AgentConfigurationLoader.LoadFromText(text, "fuzz.json", _sources);
            return config is null ? throw new InvalidOperationException("LoadFromText returned null") : null;
        }
        catch (AgentConfigurationException ex)
        {
            if (string.IsNullOrWhiteSpace(ex.Message) || !ex.Message.StartsWith("fuzz.json", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"refusal does not name the file: '{ex.Message}'", ex);
            }

            return ex.Message["fuzz.json".Length..].TrimStart(':', ' ');
        }
    }

    /// <summary>As the agent's commands: the built-in sources plus "synthetic" (never opened here).</summary>
    private static FrameSourceFactory CreateSources()
    {
        var factory = new FrameSourceFactory();
        factory.Register(FrameSourceTypes.Synthetic, (_, _) => throw new NotSupportedException("the fuzzer only loads configurations"));
        return factory;
    }

    [GeneratedRegex(@"\{\{[a-z_]+\}\}")]
    private static partial Regex Placeholder();
}
