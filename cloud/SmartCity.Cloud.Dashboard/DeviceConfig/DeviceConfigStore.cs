using System.Text.Json;
using System.Text.Json.Nodes;
using SmartCity.Cloud.Dashboard.Auth;

namespace SmartCity.Cloud.Dashboard.DeviceConfig;

/// <summary>
/// The device configuration files in <see cref="DashboardOptions.DeviceConfigDirectory"/> (one JSON file per device, the
/// edge agent's format). Reads the identity and source of each, reads and replaces the <c>analytics</c> section; a save
/// rewrites the file atomically and keeps every other byte of it (comments, secrets, other sections) unchanged.
/// </summary>
public sealed class DeviceConfigStore
{
    internal static readonly JsonDocumentOptions DocumentOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
    private static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = true };
    private readonly string _directory;
    private readonly Lock _saveLock = new();

    /// <summary>Uses the files in <paramref name="directory"/>.</summary>
    public DeviceConfigStore(string directory) => _directory = directory;

    /// <summary>The folder.</summary>
    public string Directory => _directory;

    /// <summary>Every readable configuration file, by device id; unreadable files are listed in <paramref name="problems"/>.</summary>
    public IReadOnlyList<DeviceConfigFile> List(List<string>? problems = null)
    {
        var list = new List<DeviceConfigFile>();
        if (!System.IO.Directory.Exists(_directory))
        {
            return list;
        }

        foreach (string path in System.IO.Directory.GetFiles(_directory, "*.json"))
        {
            try
            {
                if (Read(path) is { } f)
                {
                    list.Add(f);
                }
            }
            catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                problems?.Add($"{Path.GetFileName(path)}: {e.Message}");
            }
        }

        list.Sort((a, b) => string.CompareOrdinal(a.DeviceId, b.DeviceId));
        return list;
    }

    /// <summary>The file of <paramref name="deviceId"/>, or null.</summary>
    public DeviceConfigFile? Find(string deviceId) => List().FirstOrDefault(f => string.Equals(f.DeviceId, deviceId, StringComparison.Ordinal));

    /// <summary>The <c>analytics</c> section as it is in the file, or null when the file has none.</summary>
    public static JsonObject? ReadAnalytics(DeviceConfigFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        JsonNode? root = JsonNode.Parse(File.ReadAllText(file.Path), NodeOptions, DocumentOptions);
        return root?["analytics"] as JsonObject is { } a ? (JsonObject)a.DeepClone() : null;
    }

    /// <summary>Replaces the <c>analytics</c> section (already validated) and returns the section that was there before.</summary>
    public static JsonObject? SaveAnalytics(DeviceConfigFile file, JsonObject analytics, Lock? saveLock = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(analytics);
        lock (saveLock ?? new Lock())
        {
            string text = File.ReadAllText(file.Path);
            JsonObject? before = JsonNode.Parse(text, NodeOptions, DocumentOptions)?["analytics"] as JsonObject;
            string updated = JsonPropertySplice.Set(text, "analytics", analytics.ToJsonString(new JsonSerializerOptions { WriteIndented = true, IndentSize = 2 }));

            // The spliced file must still be one JSON object holding exactly the new section before it replaces the old file.
            JsonNode? check = JsonNode.Parse(updated, NodeOptions, DocumentOptions);
            if (check?["analytics"] is not JsonObject written || !JsonNode.DeepEquals(written, analytics))
            {
                throw new InvalidOperationException($"{file.Path}: the new analytics section could not be written into the file; nothing was changed.");
            }

            AtomicFile.WriteAllText(file.Path, updated);
            return before is null ? null : (JsonObject)before.DeepClone();
        }
    }

    /// <summary>Saves under this store's lock (one save at a time).</summary>
    public JsonObject? Save(DeviceConfigFile file, JsonObject analytics) => SaveAnalytics(file, analytics, _saveLock);

    private static DeviceConfigFile? Read(string path)
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(path), DocumentOptions);
        JsonElement root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidOperationException("the file does not hold a JSON object");
        }

        string? id = Get(root, "device", "id");
        if (string.IsNullOrEmpty(id))
        {
            throw new InvalidOperationException("device.id is missing");
        }

        string type = Get(root, "source", "type") ?? "synthetic";
        return new DeviceConfigFile(
            path, id, Get(root, "device", "site") ?? "", type, Get(root, "synthetic", "scenario") ?? (type == "synthetic" ? "light" : null),
            GetInt(root, "synthetic", "seed"), GetInt(root, "source", "width"), GetInt(root, "source", "height"));
    }

    private static JsonElement? Child(JsonElement root, string section, string key)
    {
        foreach (JsonProperty s in root.EnumerateObject())
        {
            if (string.Equals(s.Name, section, StringComparison.OrdinalIgnoreCase) && s.Value.ValueKind == JsonValueKind.Object)
            {
                foreach (JsonProperty p in s.Value.EnumerateObject())
                {
                    if (string.Equals(p.Name, key, StringComparison.OrdinalIgnoreCase))
                    {
                        return p.Value;
                    }
                }
            }
        }

        return null;
    }

    private static string? Get(JsonElement root, string section, string key) =>
        Child(root, section, key) is { ValueKind: JsonValueKind.String } v ? v.GetString() : null;

    private static int? GetInt(JsonElement root, string section, string key) =>
        Child(root, section, key) is { ValueKind: JsonValueKind.Number } v && v.TryGetInt32(out int i) ? i : null;
}
