namespace SmartCity.Edge.Analytics.Configuration;

/// <summary>Which side of the road traffic keeps to.</summary>
public enum DrivingSide
{
    /// <summary>Right-hand traffic (continental Europe, the Americas): U-turns are made to the left.</summary>
    Right,

    /// <summary>Left-hand traffic (UK, Japan, Australia): U-turns are made to the right.</summary>
    Left,
}
