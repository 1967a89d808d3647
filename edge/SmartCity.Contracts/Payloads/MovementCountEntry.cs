namespace SmartCity.Contracts;

/// <summary>Road users of one class that made one turning movement (JSON <c>{"from","to","kind","class","count"}</c>).</summary>
public sealed record MovementCountEntry
{
    /// <summary>Entry approach or zone name.</summary>
    public required string From { get; init; }

    /// <summary>Exit approach or zone name.</summary>
    public required string To { get; init; }

    /// <summary>Through, left, right or U-turn.</summary>
    public required TurnKind Kind { get; init; }

    /// <summary>Road-user class name (<see cref="TrafficClassNames"/>).</summary>
    public required string Class { get; init; }

    /// <summary>Road users; non-negative.</summary>
    public required int Count { get; init; }
}
