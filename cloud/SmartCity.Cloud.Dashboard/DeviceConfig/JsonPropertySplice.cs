using System.Text;
using System.Text.Json;

namespace SmartCity.Cloud.Dashboard.DeviceConfig;

/// <summary>
/// Replaces (or adds) one top-level property of a JSON-with-comments document by splicing text, so everything else in a
/// hand-written configuration file — comments, order, formatting, other sections — stays exactly as it was.
/// </summary>
internal static class JsonPropertySplice
{
    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>The text of <paramref name="json"/> with top-level <paramref name="property"/> set to <paramref name="valueJson"/>.</summary>
    public static string Set(string json, string property, string valueJson)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(json);
        var reader = new Utf8JsonReader(bytes, ReaderOptions);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("The configuration file does not hold a JSON object.");
        }

        long rootStart = reader.TokenStartIndex;
        long lastValueEnd = -1;
        (long Start, long End)? found = null;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == 0)
            {
                break;
            }

            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }

            string name = reader.GetString()!;
            reader.Read();
            long start = reader.TokenStartIndex;
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                reader.Skip();
            }

            long end = reader.BytesConsumed;
            lastValueEnd = end;
            if (string.Equals(name, property, StringComparison.OrdinalIgnoreCase))
            {
                found = (start, end);
            }
        }

        string indented = valueJson.Replace("\n", "\n  ", StringComparison.Ordinal);
        var b = new StringBuilder(json.Length + valueJson.Length + 32);
        if (found is { } f)
        {
            b.Append(Encoding.UTF8.GetString(bytes, 0, (int)f.Start)).Append(indented).Append(Encoding.UTF8.GetString(bytes, (int)f.End, bytes.Length - (int)f.End));
        }
        else if (lastValueEnd >= 0)
        {
            b.Append(Encoding.UTF8.GetString(bytes, 0, (int)lastValueEnd)).Append(",\n  \"").Append(property).Append("\": ").Append(indented)
                .Append(Encoding.UTF8.GetString(bytes, (int)lastValueEnd, bytes.Length - (int)lastValueEnd));
        }
        else
        {
            int afterBrace = (int)rootStart + 1;
            b.Append(Encoding.UTF8.GetString(bytes, 0, afterBrace)).Append("\n  \"").Append(property).Append("\": ").Append(indented).Append('\n')
                .Append(Encoding.UTF8.GetString(bytes, afterBrace, bytes.Length - afterBrace));
        }

        return b.ToString();
    }
}
