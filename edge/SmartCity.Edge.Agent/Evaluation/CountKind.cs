namespace SmartCity.Edge.Agent.Evaluation;

/// <summary>What a compared count is of.</summary>
internal enum CountKind : byte
{
    /// <summary>Crossings of a counting line in one direction.</summary>
    Line,

    /// <summary>Road users making one turning movement (from approach, kind).</summary>
    Movement,
}
