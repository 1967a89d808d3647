namespace SmartCity.Edge.Analytics;

/// <summary>Which way a counting line was crossed, relative to its configured "in" vector.</summary>
public enum CrossingDirection : byte
{
    /// <summary>Along the line's "in" vector.</summary>
    In,

    /// <summary>Against it.</summary>
    Out,
}
