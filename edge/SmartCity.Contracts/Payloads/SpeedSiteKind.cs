using System.Text.Json.Serialization;

namespace SmartCity.Contracts;

/// <summary>Where a speed was measured (JSON "line", "approach").</summary>
[JsonConverter(typeof(WireEnumConverter<SpeedSiteKind>))]
public enum SpeedSiteKind
{
    /// <summary>At a counting line, when a road user crossed it.</summary>
    Line,

    /// <summary>On an approach, when a road user left its entry zone.</summary>
    Approach,
}
