namespace SmartCity.Edge.Analytics.Configuration;

/// <summary>A turning movement listed explicitly: from one approach to another.</summary>
public sealed class MovementOptions
{
    /// <summary>Approach name the movement enters by.</summary>
    public string From { get; set; } = "";

    /// <summary>Approach name the movement leaves by.</summary>
    public string To { get; set; } = "";

    /// <summary>The kind; derived from the approaches' directions when null.</summary>
    public MovementKind? Kind { get; set; }
}
