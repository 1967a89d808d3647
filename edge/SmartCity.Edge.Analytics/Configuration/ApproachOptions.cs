using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Analytics.Configuration;

/// <summary>
/// One approach (intersection arm or road end): where road users enter and leave, and for queues its stop line.
/// Entry, exit and queue zones may reach beyond the frame where the road leaves the picture: they are clipped to
/// the frame, and refused only when nothing of them is left inside it.
/// </summary>
public sealed class ApproachOptions
{
    /// <summary>Name, unique among the camera's approaches (for example <c>north</c>).</summary>
    public string Name { get; set; } = "";

    /// <summary>The side of the intersection the approach lies on; inbound traffic travels away from that side.</summary>
    public Approach? Side { get; set; }

    /// <summary>
    /// Compass bearing (degrees, 0 = north, 90 = east) inbound traffic travels in, for arms not on a compass side;
    /// used when <see cref="Side"/> is not given. North is up in the image.
    /// </summary>
    public double? InboundBearing { get; set; }

    /// <summary>Inbound part of the arm: a road user entering by this approach passes through it.</summary>
    public float[][] EntryZone { get; set; } = [];

    /// <summary>Outbound part of the arm: a road user leaving by this approach passes through it.</summary>
    public float[][] ExitZone { get; set; } = [];

    /// <summary>Stop line across the inbound lanes, for queue lengths (needs a calibration).</summary>
    public StopLineOptions? StopLine { get; set; }

    /// <summary>Where queued vehicles stand behind the stop line; the entry zone when not given.</summary>
    public float[][]? QueueZone { get; set; }
}
