namespace SmartCity.Edge.Analytics.Configuration;

/// <summary>Which point of an object's box is tested against lines and zones.</summary>
public enum LineAnchor
{
    /// <summary>Middle of the bottom edge: where the object touches the ground (default).</summary>
    BottomCentre,

    /// <summary>Centre of the box, for top-down cameras.</summary>
    Centre,
}
