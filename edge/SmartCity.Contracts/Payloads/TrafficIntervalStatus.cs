using System.Text.Json.Serialization;

namespace SmartCity.Contracts;

/// <summary>How far a traffic interval's figures can be trusted (JSON "complete", "partial", "no_data").</summary>
[JsonConverter(typeof(WireEnumConverter<TrafficIntervalStatus>))]
public enum TrafficIntervalStatus
{
    /// <summary>Frames throughout the interval; counts are exact as far as the analytics go.</summary>
    Complete,

    /// <summary>Some frames missing: counts are a lower bound; <c>reason</c> says why.</summary>
    Partial,

    /// <summary>No frames at all: every count is null (absent), never 0; <c>reason</c> says why.</summary>
    NoData,
}
