using System.Globalization;
using System.Text.Json;

namespace SmartCity.Cloud.Dashboard.Registry;

/// <summary>
/// Reads the model cards from <c>{ModelsDirectory}/*/model.json</c>. Re-read when a file changed (cheap: a directory
/// listing and a timestamp per file). A file that cannot be read is reported by name in <see cref="Problems"/> and the
/// other models are still listed.
/// </summary>
public sealed class ModelCatalog
{
    private static readonly JsonDocumentOptions JsonOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
    private readonly string _directory;
    private readonly Lock _lock = new();
    private string _stamp = "";
    private IReadOnlyList<ModelCard> _models = [];
    private IReadOnlyList<string> _problems = [];

    /// <summary>Reads the cards under <paramref name="modelsDirectory"/>.</summary>
    public ModelCatalog(string modelsDirectory) => _directory = modelsDirectory;

    /// <summary>Every readable model card, by name.</summary>
    public IReadOnlyList<ModelCard> Models
    {
        get
        {
            Refresh();
            return _models;
        }
    }

    /// <summary>Model files that could not be read, with the reason.</summary>
    public IReadOnlyList<string> Problems
    {
        get
        {
            Refresh();
            return _problems;
        }
    }

    private void Refresh()
    {
        lock (_lock)
        {
            string[] files = Directory.Exists(_directory)
                ? Directory.GetFiles(_directory, "model.json", new EnumerationOptions { RecurseSubdirectories = true, MaxRecursionDepth = 1 })
                : [];
            Array.Sort(files, StringComparer.Ordinal);
            string stamp = string.Join('|', files.Select(f => f + "@" + File.GetLastWriteTimeUtc(f).Ticks.ToString(CultureInfo.InvariantCulture)));
            if (stamp == _stamp)
            {
                return;
            }

            var models = new List<ModelCard>();
            var problems = new List<string>();
            foreach (string f in files)
            {
                try
                {
                    models.Add(Read(f));
                }
                catch (Exception e) when (e is JsonException or IOException or InvalidDataException or UnauthorizedAccessException)
                {
                    problems.Add($"{f}: {e.Message}");
                }
            }

            models.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
            _models = models;
            _problems = problems;
            _stamp = stamp;
        }
    }

    /// <summary>Reads one model.json; throws <see cref="InvalidDataException"/> naming the file and the missing field.</summary>
    public static ModelCard Read(string path)
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(path), JsonOptions);
        JsonElement root = doc.RootElement;
        string Req(JsonElement e, string name, string where) =>
            e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s
                ? s
                : throw new InvalidDataException($"{where}{name} is missing or not a string");

        JsonElement card = root.TryGetProperty("card", out JsonElement c) && c.ValueKind == JsonValueKind.Object
            ? c
            : throw new InvalidDataException("card is missing");
        var classes = new List<string>();
        if (root.TryGetProperty("classes", out JsonElement cl) && cl.ValueKind == JsonValueKind.Array)
        {
            classes.AddRange(cl.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!));
        }

        var traffic = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (root.TryGetProperty("trafficClasses", out JsonElement tc) && tc.ValueKind == JsonValueKind.Object)
        {
            foreach (JsonProperty p in tc.EnumerateObject())
            {
                traffic[p.Name] = p.Value.ToString();
            }
        }

        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        if (card.TryGetProperty("metrics", out JsonElement m) && m.ValueKind == JsonValueKind.Object)
        {
            foreach (JsonProperty p in m.EnumerateObject())
            {
                if (p.Value.ValueKind == JsonValueKind.Number)
                {
                    metrics[p.Name] = p.Value.GetDouble();
                }
            }
        }

        var details = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (JsonProperty p in card.EnumerateObject())
        {
            if (p.Name is not ("intendedUse" or "trainingData" or "limits" or "metrics") && p.Value.ValueKind == JsonValueKind.String)
            {
                details[p.Name] = p.Value.GetString()!;
            }
        }

        string size = root.TryGetProperty("input", out JsonElement input) && input.TryGetProperty("width", out JsonElement w) && input.TryGetProperty("height", out JsonElement h)
            ? $"{w.GetRawText()}×{h.GetRawText()}"
            : "";
        return new ModelCard(
            Path.GetFileName(Path.GetDirectoryName(path)) ?? "",
            Req(root, "name", ""),
            Req(root, "version", ""),
            root.TryGetProperty("format", out JsonElement f) ? f.ToString() : "",
            Req(root, "licence", ""),
            Req(root, "sha256", "").ToLowerInvariant(),
            size,
            classes,
            traffic,
            Req(card, "intendedUse", "card."),
            Req(card, "trainingData", "card."),
            Req(card, "limits", "card."),
            metrics,
            details);
    }
}
