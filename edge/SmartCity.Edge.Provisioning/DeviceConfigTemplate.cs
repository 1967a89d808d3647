using System.Text;
using System.Text.Json;

namespace SmartCity.Edge.Provisioning;

/// <summary>
/// Renders a device configuration template (<c>firmware-configs/templates/*.json</c>): each <c>{{name}}</c> is replaced
/// by its JSON-escaped value; an unknown or missing placeholder is an error, and the result must parse as JSON.
/// </summary>
public static class DeviceConfigTemplate
{
    /// <summary>Renders <paramref name="template"/> with <paramref name="values"/>.</summary>
    /// <exception cref="ProvisioningException">A placeholder without a value, or a result that is not JSON.</exception>
    public static string Render(string template, IReadOnlyDictionary<string, string> values, string source)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(values);
        var output = new StringBuilder(template.Length + 256);
        int position = 0;
        while (true)
        {
            int open = template.IndexOf("{{", position, StringComparison.Ordinal);
            if (open < 0)
            {
                output.Append(template, position, template.Length - position);
                break;
            }

            int close = template.IndexOf("}}", open + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                throw new ProvisioningException($"{source}: '{{{{' at offset {open} is not closed.");
            }

            string name = template[(open + 2)..close].Trim();
            if (!values.TryGetValue(name, out string? value))
            {
                throw new ProvisioningException($"{source}: placeholder {{{{{name}}}}} has no value (known: {string.Join(", ", values.Keys.Order(StringComparer.Ordinal))}).");
            }

            output.Append(template, position, open - position);
            // Escaped as the inside of a JSON string: the template puts the quotes around it.
            string encoded = JsonSerializer.Serialize(value, ProvisioningStringContext.Default.String);
            output.Append(encoded, 1, encoded.Length - 2);
            position = close + 2;
        }

        string rendered = output.ToString();
        try
        {
            using var _ = JsonDocument.Parse(rendered, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = false });
        }
        catch (JsonException ex)
        {
            throw new ProvisioningException($"{source}: the rendered configuration is not valid JSON: {ex.Message}", ex);
        }

        return rendered;
    }
}
