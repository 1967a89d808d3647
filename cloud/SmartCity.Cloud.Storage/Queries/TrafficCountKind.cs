namespace SmartCity.Cloud.Storage.Queries;

/// <summary>What a traffic count counts.</summary>
public enum TrafficCountKind
{
    /// <summary>Crossings of a counting line; the direction is "in" or "out".</summary>
    Line,

    /// <summary>Turning movements from an entry zone to an exit zone; the line is "from>to", the direction the movement kind.</summary>
    Movement,
}
