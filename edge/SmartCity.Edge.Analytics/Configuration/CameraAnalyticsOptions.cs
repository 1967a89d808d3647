namespace SmartCity.Edge.Analytics.Configuration;

/// <summary>
/// Analytics of one camera (section <c>analytics</c> of the device configuration file): counting lines, zones,
/// approaches and movements, calibration, thresholds and "no data" rules. Geometry is in image pixels of the
/// frames the camera delivers; points are JSON arrays <c>[x, y]</c>.
/// </summary>
public sealed class CameraAnalyticsOptions
{
    /// <summary>Camera name, used in summaries and in every configuration error (for example <c>cam-a</c>).</summary>
    public string Camera { get; set; } = "";

    /// <summary>Length of an interval summary; intervals start at wall-clock multiples of it (07:00:00, 07:01:00 …).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Which side of the road traffic keeps to; decides on which side a sharp turn is a U-turn.</summary>
    public DrivingSide DrivingSide { get; set; } = DrivingSide.Right;

    /// <summary>How far (pixels) line points and zone points may lie outside the frame, for lines drawn to the edge.</summary>
    public float FrameMargin { get; set; } = 2;

    /// <summary>Directional counting lines.</summary>
    public CountingLineOptions[] Lines { get; set; } = [];

    /// <summary>Zones (occupancy, dwell, entries/exits, virtual detectors).</summary>
    public ZoneOptions[] Zones { get; set; } = [];

    /// <summary>Approaches of an intersection (or ends of a road) for turning movements, approach speeds and queues.</summary>
    public ApproachOptions[] Approaches { get; set; } = [];

    /// <summary>
    /// When true (default) every ordered pair of approaches is a movement whose kind follows from the approaches'
    /// directions; when false only <see cref="Movements"/> are counted and other journeys are reported as unlisted.
    /// </summary>
    public bool DeriveMovements { get; set; } = true;

    /// <summary>Movements listed explicitly; a listed kind overrides the derived one.</summary>
    public MovementOptions[] Movements { get; set; } = [];

    /// <summary>Image ↔ ground calibration for speeds and queue lengths; null when the camera is not calibrated.</summary>
    public CalibrationOptions? Calibration { get; set; }

    /// <summary>Speed, queue and zone thresholds.</summary>
    public AnalyticsThresholds Thresholds { get; set; } = new();

    /// <summary>Stitching of broken tracks into one journey and inferred entries and exits (needs <see cref="Calibration"/>).</summary>
    public JourneyOptions Journeys { get; set; } = new();

    /// <summary>When an interval is partial or has no data.</summary>
    public NoDataRules NoData { get; set; } = new();

    /// <summary>How many per-object crossing and detector events are kept for the events topic before the oldest are overwritten.</summary>
    public int EventBufferCapacity { get; set; } = 4096;
}
