using System.Numerics;
using SmartCity.Edge.Analytics.Geometry;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Analytics;

/// <summary>A checked approach: its zones clipped to the frame, its direction, and its stop line on the ground.</summary>
public sealed class ApproachGeometry
{
    internal ApproachGeometry(string name, Approach side, double inboundBearing, ImagePolygon entryZone, ImagePolygon exitZone)
    {
        Name = name;
        Side = side;
        InboundBearing = inboundBearing;
        EntryZone = entryZone;
        ExitZone = exitZone;
    }

    /// <summary>Name.</summary>
    public string Name { get; }

    /// <summary>Compass side, or <see cref="Approach.None"/> when given by bearing.</summary>
    public Approach Side { get; }

    /// <summary>Compass bearing of inbound travel, degrees.</summary>
    public double InboundBearing { get; }

    /// <summary>Entry zone, clipped to the frame.</summary>
    public ImagePolygon EntryZone { get; }

    /// <summary>Exit zone, clipped to the frame.</summary>
    public ImagePolygon ExitZone { get; }

    /// <summary>Queue zone (clipped), or null when the approach has no stop line.</summary>
    public ImagePolygon? QueueZone { get; internal set; }

    /// <summary>Stop line in pixels, or null.</summary>
    public (Vector2 Start, Vector2 End)? StopLine { get; internal set; }

    /// <summary>A point of the stop line on the ground (metres).</summary>
    internal Vector2 StopLineGround { get; set; }

    /// <summary>Unit normal of the stop line on the ground, pointing upstream (into the queue).</summary>
    internal Vector2 UpstreamGround { get; set; }

    /// <summary>
    /// True when inbound traffic drives down the image, towards the camera: the bottom of a box is then the
    /// vehicle's front, and its rear lies one vehicle length further upstream.
    /// </summary>
    internal bool BoxBottomIsFront { get; set; }
}
