using System.Globalization;
using System.Text;

namespace SmartCity.Cloud.Storage.Influx;

/// <summary>InfluxQL literals: identifiers in double quotes, strings in single quotes, times as RFC 3339.</summary>
internal static class InfluxQl
{
    public static string Identifier(string name) => "\"" + name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    public static string String(string value) => "'" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";

    public static string Time(DateTimeOffset t) => "'" + t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture) + "'";

    /// <summary>" AND (device = 'a' OR device = 'b')", or nothing for all devices.</summary>
    public static string DeviceFilter(IReadOnlyCollection<string>? devices)
    {
        if (devices is not { Count: > 0 })
        {
            return "";
        }

        var sb = new StringBuilder(" AND (");
        bool first = true;
        foreach (string d in devices)
        {
            sb.Append(first ? "" : " OR ").Append("\"device\" = ").Append(String(d));
            first = false;
        }

        return sb.Append(')').ToString();
    }

    /// <summary>The GROUP BY time() interval of a bin.</summary>
    public static string Duration(TimeSpan bin) => ((long)bin.TotalMinutes).ToString(CultureInfo.InvariantCulture) + "m";
}
