using System.Globalization;
using System.Text;

namespace SmartCity.Cloud.Dashboard.Traffic;

/// <summary>
/// The chart of the Traffic page as CSV: one row per bin, one column per series as on screen, then the share of
/// cameras reporting. An empty cell is "no data" (a gap on the chart), never zero.
/// </summary>
public static class TrafficCsv
{
    /// <summary>Writes the view's chart.</summary>
    public static string Write(TrafficView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var csv = new StringBuilder(64 + view.BinCount * (24 + view.Series.Count * 6));
        csv.Append("# SmartCity traffic export; kind=").Append(view.Kind).Append("; group=").Append(view.Group).Append("; unit=").Append(view.Unit)
            .Append("; devices=").Append(string.Join(' ', view.Devices)).Append("; empty cell = no data\n");
        csv.Append("bin_start_utc,bin_end_utc");
        foreach (ChartSeries s in view.Series)
        {
            csv.Append(',').Append(Field(s.Label));
        }

        csv.Append(",cameras_reporting_share\n");
        var width = TimeSpan.FromSeconds(view.BinSeconds);
        for (int b = 0; b < view.BinCount; b++)
        {
            DateTimeOffset start = view.From + width * b;
            csv.Append(start.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)).Append(',')
                .Append((start + width).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
            foreach (ChartSeries s in view.Series)
            {
                csv.Append(',');
                if (s.Values[b] is { } v)
                {
                    csv.Append(v.ToString("0.##", CultureInfo.InvariantCulture));
                }
            }

            csv.Append(',');
            if (view.Coverage[b] is { } c)
            {
                csv.Append(c.ToString("0.###", CultureInfo.InvariantCulture));
            }

            csv.Append('\n');
        }

        return csv.ToString();
    }

    /// <summary>A CSV field, quoted when needed; a leading formula character is neutralised for spreadsheets.</summary>
    internal static string Field(string s)
    {
        if (s.Length > 0 && s[0] is '=' or '+' or '-' or '@')
        {
            s = "'" + s;
        }

        return s.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
    }
}
