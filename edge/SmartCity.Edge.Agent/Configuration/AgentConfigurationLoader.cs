using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using SmartCity.Edge.Sensors.Configuration;
using SmartCity.Edge.Simulation.Scenarios;
using SmartCity.Edge.Vision.Sources;

namespace SmartCity.Edge.Agent.Configuration;

/// <summary>Reads and validates a device configuration file; every refusal names the file and the key.</summary>
public static partial class AgentConfigurationLoader
{
    /// <summary>Loads <paramref name="path"/>, or throws <see cref="AgentConfigurationException"/>.</summary>
    public static AgentConfiguration Load(string path, FrameSourceFactory sources)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new AgentConfigurationException($"{path}: cannot read the configuration file: {ex.Message}", ex);
        }

        return LoadFromText(text, path, sources);
    }

    /// <summary>Checks every section; throws naming the file and the key.</summary>
    public static void Validate(AgentConfiguration config, string path, FrameSourceFactory sources)
    {
        try
        {
            if (!DeviceIdPattern().IsMatch(config.Device.Id ?? ""))
            {
                throw new ArgumentException($"Device:Id: '{config.Device.Id}' must be 3–64 lower-case letters, digits or dashes.");
            }

            sources.Validate(config.Source, "Source");
            if (string.Equals(config.Source.Type, FrameSourceTypes.Synthetic, StringComparison.OrdinalIgnoreCase)
                && !ScenarioCatalog.TryGet(config.Synthetic.Scenario, out _))
            {
                throw new ArgumentException(
                    $"Synthetic:Scenario: unknown scenario '{config.Synthetic.Scenario}'; known: {string.Join(", ", ScenarioCatalog.Names)}.");
            }

            config.Supervisor.Validate("Supervisor");
            config.Motion.Validate("Motion");
            config.Tracker?.Validate("Tracker");
            config.Uplink?.Validate("Uplink");
            SensorConfigurationValidator.Validate(config.Sensors, "Sensors");
            SensorConfigurationValidator.ValidateHardware(config.Sensors.Items);
            var d = config.Detector;
            if (string.IsNullOrWhiteSpace(d.Model))
            {
                throw new ArgumentException("Detector:Model: a model folder is required.");
            }

            if (d.IntraOpThreads is < 1 or > 64)
            {
                throw new ArgumentException($"Detector:IntraOpThreads: {d.IntraOpThreads} is not between 1 and 64.");
            }

            CheckUnit("Detector:ScoreThreshold", d.ScoreThreshold);
            CheckUnit("Detector:NmsIou", d.NmsIou);
            foreach (var (name, value) in d.ClassThresholds)
            {
                CheckUnit($"Detector:ClassThresholds:{name}", value);
            }

            if (d.DetailRegion is { } region)
            {
                string? problem = config.Source.Width > 0 && config.Source.Height > 0
                    ? region.FrameProblem(config.Source.Width, config.Source.Height)
                    : region.ShapeProblem();
                if (problem is not null)
                {
                    throw new ArgumentException($"Detector:DetailRegion: {region}: {problem}.");
                }
            }

            if (!(d.DetailMaxHeight is > 0 and <= 1000))
            {
                throw new ArgumentException($"Detector:DetailMaxHeight: {d.DetailMaxHeight.ToString(System.Globalization.CultureInfo.InvariantCulture)} px must be more than 0 and at most 1000.");
            }
        }
        catch (ArgumentException ex)
        {
            throw new AgentConfigurationException($"{path}: {ex.Message}", ex);
        }
    }

    private static void CheckUnit(string key, float? value)
    {
        if (value is { } v && (float.IsNaN(v) || v < 0 || v > 1))
        {
            throw new ArgumentException($"{key}: {v} must be between 0 and 1.");
        }
    }

    private static string FirstSentence(string message)
    {
        // System.Text.Json appends "Path: … | LineNumber: … | BytePositionInLine: …"; we print the path ourselves.
        int cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,62}[a-z0-9]$")]
    private static partial Regex DeviceIdPattern();
}
