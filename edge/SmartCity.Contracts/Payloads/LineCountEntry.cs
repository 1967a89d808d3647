namespace SmartCity.Contracts;

/// <summary>Crossings of one line in one direction by one class (JSON <c>{"line","direction","class","count"}</c>).</summary>
public sealed record LineCountEntry
{
    /// <summary>Line name.</summary>
    public required string Line { get; init; }

    /// <summary>Direction of the crossings.</summary>
    public required LineDirection Direction { get; init; }

    /// <summary>Road-user class name (<see cref="TrafficClassNames"/>).</summary>
    public required string Class { get; init; }

    /// <summary>Crossings; non-negative.</summary>
    public required int Count { get; init; }
}
