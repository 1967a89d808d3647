using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Analytics.Configuration;

/// <summary>A directional counting line. An object crossing along <see cref="In"/> counts "in", against it "out".</summary>
public sealed class CountingLineOptions
{
    /// <summary>Name, unique among the camera's lines (for example <c>north-stop</c>).</summary>
    public string Name { get; set; } = "";

    /// <summary>First end point, <c>[x, y]</c> pixels.</summary>
    public float[] Start { get; set; } = [];

    /// <summary>Second end point, <c>[x, y]</c> pixels.</summary>
    public float[] End { get; set; } = [];

    /// <summary>
    /// The "in" direction <c>[dx, dy]</c> in pixels: stated, never guessed from the line's orientation. It must not be
    /// parallel to the line.
    /// </summary>
    public float[] In { get; set; } = [];

    /// <summary>The box point tested against the line.</summary>
    public LineAnchor Anchor { get; set; } = LineAnchor.BottomCentre;

    /// <summary>
    /// Distance (pixels) the anchor must be beyond the line before its side changes, so a box that straddles or
    /// jitters on the line counts once.
    /// </summary>
    public float Hysteresis { get; set; } = 4;

    /// <summary>Classes counted (a road user's journey class when it crosses, as for movements); empty counts every class.</summary>
    public TrafficClass[] Classes { get; set; } = [];

    /// <summary>
    /// Directions counted (<c>in</c>, <c>out</c>); empty counts both. A stop line counts the traffic entering the junction:
    /// <c>["in"]</c> keeps vehicles leaving by the lanes beside it, whose boxes clip its end, out of its counts.
    /// </summary>
    public CrossingDirection[] Directions { get; set; } = [];
}
