using System.Text.Json;

namespace SmartCity.Cloud.Storage.Influx;

/// <summary>One series of a <c>/query</c> answer: the statement it answers, its tags and rows (column 0 is the time in epoch milliseconds).</summary>
internal sealed record InfluxSeries(int Statement, string Name, IReadOnlyDictionary<string, string> Tags, IReadOnlyList<string> Columns, IReadOnlyList<JsonElement[]> Values)
{
    public string Tag(string key) => Tags.TryGetValue(key, out string? v) ? v : "";

    /// <summary>Reads the <c>results[].series[]</c> of a <c>/query</c> answer; throws with InfluxDB's message when a statement failed.</summary>
    public static List<InfluxSeries> Parse(string json)
    {
        using JsonDocument doc = JsonDocument.Parse(json);
        var all = new List<InfluxSeries>();
        if (doc.RootElement.TryGetProperty("error", out JsonElement topError))
        {
            throw new InvalidOperationException($"InfluxDB query failed: {topError.GetString()}");
        }

        foreach (JsonElement result in doc.RootElement.GetProperty("results").EnumerateArray())
        {
            int statement = result.TryGetProperty("statement_id", out JsonElement id) ? id.GetInt32() : 0;
            if (result.TryGetProperty("error", out JsonElement error))
            {
                throw new InvalidOperationException($"InfluxDB statement failed: {error.GetString()}");
            }

            if (!result.TryGetProperty("series", out JsonElement series))
            {
                continue;
            }

            foreach (JsonElement s in series.EnumerateArray())
            {
                var tags = new Dictionary<string, string>(StringComparer.Ordinal);
                if (s.TryGetProperty("tags", out JsonElement t))
                {
                    foreach (JsonProperty p in t.EnumerateObject())
                    {
                        tags[p.Name] = p.Value.GetString() ?? "";
                    }
                }

                var columns = new List<string>();
                foreach (JsonElement c in s.GetProperty("columns").EnumerateArray())
                {
                    columns.Add(c.GetString() ?? "");
                }

                var values = new List<JsonElement[]>();
                if (s.TryGetProperty("values", out JsonElement rows))
                {
                    foreach (JsonElement row in rows.EnumerateArray())
                    {
                        var cells = new JsonElement[row.GetArrayLength()];
                        int i = 0;
                        foreach (JsonElement cell in row.EnumerateArray())
                        {
                            cells[i++] = cell.Clone();
                        }

                        values.Add(cells);
                    }
                }

                all.Add(new InfluxSeries(statement, s.TryGetProperty("name", out JsonElement n) ? n.GetString() ?? "" : "", tags, columns, values));
            }
        }

        return all;
    }
}
