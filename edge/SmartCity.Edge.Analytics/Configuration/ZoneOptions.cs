namespace SmartCity.Edge.Analytics.Configuration;

/// <summary>A zone: occupancy over time, entries/exits, dwell and optionally a virtual detector channel.</summary>
public sealed class ZoneOptions
{
    /// <summary>Name, unique among the camera's zones.</summary>
    public string Name { get; set; } = "";

    /// <summary>Outline, at least three <c>[x, y]</c> points in order around it, not crossing itself.</summary>
    public float[][] Polygon { get; set; } = [];

    /// <summary>The box point tested against the zone.</summary>
    public LineAnchor Anchor { get; set; } = LineAnchor.BottomCentre;

    /// <summary>
    /// Controller detector channel (1–255) of a virtual detector on this zone: on (event 82) when the first object
    /// enters, off (event 81) when the last leaves. Null for no detector.
    /// </summary>
    public int? DetectorChannel { get; set; }
}
