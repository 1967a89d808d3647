using System.Text.Json.Serialization;

namespace SmartCity.Contracts;

/// <summary>Which way a counting line was crossed, relative to its configured "in" vector (JSON "in", "out").</summary>
[JsonConverter(typeof(WireEnumConverter<LineDirection>))]
public enum LineDirection
{
    /// <summary>Along the line's "in" vector.</summary>
    In,

    /// <summary>Against it.</summary>
    Out,
}
