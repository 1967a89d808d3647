using System.Text.Json;
using Json.Schema;

namespace SmartCity.Edge.Provisioning;

/// <summary>
/// The JSON schema of device configuration files (<c>firmware-configs/schema/device-config.schema.json</c>). Editors
/// use it for completion; <c>validate</c> checks files against it before the agent's own loader and the hardware rules.
/// </summary>
public sealed class DeviceConfigSchema
{
    private readonly JsonSchema _schema;

    private DeviceConfigSchema(JsonSchema schema, string path)
    {
        _schema = schema;
        SchemaPath = path;
    }

    /// <summary>The schema file.</summary>
    public string SchemaPath { get; }

    /// <summary>Loads a schema file.</summary>
    /// <exception cref="ProvisioningException">The file cannot be read or is not a JSON schema.</exception>
    public static DeviceConfigSchema Load(string path)
    {
        try
        {
            // A registry of its own: the global one refuses a second schema with the same $id (a reload, another file).
            return new DeviceConfigSchema(JsonSchema.FromText(File.ReadAllText(path), new BuildOptions { SchemaRegistry = new SchemaRegistry() }), path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or ArgumentException or InvalidOperationException)
        {
            throw new ProvisioningException($"{path}: not a usable JSON schema: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Checks a configuration text (comments allowed, as the agent allows them). Each problem is one line:
    /// <c>/sensors/items/1/port: message</c>; an empty list means valid.
    /// </summary>
    public IReadOnlyList<string> Validate(string configText)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(configText, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            return [$"(not JSON) line {ex.LineNumber + 1}: {ex.Message}"];
        }

        using var _ = document;
        var result = _schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid)
        {
            return [];
        }

        var problems = new List<string>();
        foreach (var detail in result.Details ?? [])
        {
            if (detail.Errors is null)
            {
                continue;
            }

            foreach (var (keyword, message) in detail.Errors)
            {
                string where = detail.InstanceLocation.ToString();
                problems.Add($"{(where.Length == 0 ? "/" : where)}: {message} ({keyword})");
            }
        }

        if (problems.Count == 0)
        {
            problems.Add("/: the configuration does not match the schema");
        }

        return problems.Distinct(StringComparer.Ordinal).ToList();
    }
}
