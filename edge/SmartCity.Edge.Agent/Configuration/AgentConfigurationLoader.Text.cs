using System.Text.Json;
using SmartCity.Edge.Vision.Sources;

namespace SmartCity.Edge.Agent.Configuration;

/// <summary>The in-memory entry of the loader: what <see cref="Load"/> does after reading the file.</summary>
public static partial class AgentConfigurationLoader
{
    /// <summary>
    /// Parses and validates configuration JSON <paramref name="text"/> read from <paramref name="source"/> (a file name,
    /// used in messages); throws <see cref="AgentConfigurationException"/> naming the source and the key.
    /// </summary>
    public static AgentConfiguration LoadFromText(string text, string source, FrameSourceFactory sources)
    {
        ArgumentNullException.ThrowIfNull(text);
        AgentConfiguration? config;
        try
        {
            config = JsonSerializer.Deserialize(text, AgentConfigurationJsonContext.Default.AgentConfiguration);
        }
        catch (JsonException ex)
        {
            string where = string.IsNullOrEmpty(ex.Path) ? "" : $" at {ex.Path}";
            throw new AgentConfigurationException($"{source}{where}: {FirstSentence(ex.Message)}", ex);
        }

        if (config is null)
        {
            throw new AgentConfigurationException($"{source}: the file holds no configuration object.");
        }

        Validate(config, source, sources);
        return config;
    }
}
