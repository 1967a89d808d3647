using System.Globalization;
using System.Text;

namespace SmartCity.Cloud.Storage.Influx;

/// <summary>
/// Writes InfluxDB line protocol with the escaping rules of the InfluxDB docs: measurement names escape commas and
/// spaces; tag keys, tag values and field keys escape commas, equals signs and spaces; string field values are
/// double-quoted with backslashes and double quotes escaped. Line protocol has no newline escape, so newlines in
/// names and values become spaces.
/// </summary>
internal sealed class LineProtocol
{
    private readonly StringBuilder _text = new();
    private bool _hasField;

    public int Lines { get; private set; }

    public LineProtocol Measurement(string name)
    {
        if (_text.Length > 0)
        {
            _text.Append('\n');
        }

        Escape(name, measurement: true);
        _hasField = false;
        Lines++;
        return this;
    }

    /// <summary>Adds a tag; an empty value is left out (InfluxDB refuses empty tag values; reads give "" for a missing tag).</summary>
    public LineProtocol Tag(string key, string value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return this;
        }

        _text.Append(',');
        Escape(key, measurement: false);
        _text.Append('=');
        Escape(value, measurement: false);
        return this;
    }

    public LineProtocol Field(string key, long value)
    {
        FieldKey(key);
        _text.Append(value.ToString(CultureInfo.InvariantCulture)).Append('i');
        return this;
    }

    public LineProtocol Field(string key, double value)
    {
        FieldKey(key);
        _text.Append(value.ToString("R", CultureInfo.InvariantCulture));
        return this;
    }

    public LineProtocol Field(string key, string value)
    {
        FieldKey(key);
        _text.Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': _text.Append("\\\""); break;
                case '\\': _text.Append("\\\\"); break;
                case '\n' or '\r': _text.Append(' '); break;
                default: _text.Append(c); break;
            }
        }

        _text.Append('"');
        return this;
    }

    /// <summary>Ends the line with a millisecond timestamp (write with precision=ms).</summary>
    public LineProtocol Timestamp(DateTime utc)
    {
        long ms = new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToUnixTimeMilliseconds();
        _text.Append(' ').Append(ms.ToString(CultureInfo.InvariantCulture));
        return this;
    }

    public override string ToString() => _text.ToString();

    private void FieldKey(string key)
    {
        _text.Append(_hasField ? ',' : ' ');
        _hasField = true;
        Escape(key, measurement: false);
        _text.Append('=');
    }

    private void Escape(string s, bool measurement)
    {
        foreach (char c in s)
        {
            switch (c)
            {
                case ',' or ' ': _text.Append('\\').Append(c); break;
                case '=' when !measurement: _text.Append("\\="); break;
                case '\n' or '\r': _text.Append("\\ "); break;
                default: _text.Append(c); break;
            }
        }
    }
}
