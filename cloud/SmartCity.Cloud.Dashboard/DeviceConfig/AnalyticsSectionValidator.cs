using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using SmartCity.Edge.Analytics;
using SmartCity.Edge.Analytics.Configuration;

namespace SmartCity.Cloud.Dashboard.DeviceConfig;

/// <summary>
/// Checks an <c>analytics</c> section exactly as the edge agent will: the same JSON rules as its configuration loader
/// (camelCase keys, enums as names, unknown keys refused) and then Part 2's own validation,
/// <see cref="CameraAnalytics.Create"/> (geometry inside the frame, "in" not parallel to its line, polygons not crossing
/// themselves, calibration residual …), for the camera's frame size.
/// </summary>
public static class AnalyticsSectionValidator
{
    /// <summary>The agent's JSON rules for the section.</summary>
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>Null when <paramref name="section"/> is valid for a <paramref name="width"/>×<paramref name="height"/> camera, else why not.</summary>
    public static string? Validate(JsonObject section, string deviceId, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(section);
        CameraAnalyticsOptions? options;
        try
        {
            options = section.Deserialize<CameraAnalyticsOptions>(Json);
        }
        catch (JsonException e)
        {
            string where = string.IsNullOrEmpty(e.Path) ? "" : $" at {e.Path.Replace("$.", "analytics.", StringComparison.Ordinal)}";
            string message = e.Message;
            int cut = message.IndexOf(" Path:", StringComparison.Ordinal);
            return $"The analytics section cannot be read{where}: {(cut > 0 ? message[..cut] : message)}";
        }

        if (options is null)
        {
            return "The analytics section is empty.";
        }

        try
        {
            _ = CameraAnalytics.Create(options, deviceId, width, height);
            return null;
        }
        catch (AnalyticsConfigurationException e)
        {
            return e.Message;
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
    }
}
