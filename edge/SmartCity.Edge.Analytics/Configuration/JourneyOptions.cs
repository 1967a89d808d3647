namespace SmartCity.Edge.Analytics.Configuration;

/// <summary>
/// How turning movements survive broken tracks (section <c>journeys</c>). All of it works on the ground plane and
/// needs a <see cref="CameraAnalyticsOptions.Calibration"/>; without one the engine counts only journeys one track
/// followed from an entry zone to an exit zone. Appearance-free: positions, speeds and class only.
/// <list type="bullet">
/// <item><b>Stitching</b>: a track born outside every entry zone continues the unfinished journey of a track lost
/// (or ended) within <see cref="StitchWindow"/> whose position, carried on at its last ground velocity, lies within
/// the gate; the journey keeps its entry and its class votes, so one road user is counted once.</item>
/// <item><b>Inferred entry</b>: a track born after the entry zone, that nothing could be stitched to, takes the entry
/// approach whose entry zone lies straight behind it (its first ground position and heading), when exactly one does, or
/// the one back along its bend; a turn too slight to tell over its first metres is looked at again as it drives on.</item>
/// <item><b>Inferred exit</b>: a journey whose track ends before an exit zone takes the exit approach seen in that
/// track's last frames, or the one whose exit zone lies straight ahead of its last position and heading, when exactly one does.
/// A journey never has both ends inferred: one zone at least was seen.</item>
/// </list>
/// </summary>
public sealed class JourneyOptions
{
    /// <summary>How long an unfinished journey waits for a new track to continue it (zero turns stitching off).</summary>
    public TimeSpan StitchWindow { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>Gate radius (metres) around a lost vehicle's or cyclist's predicted ground position.</summary>
    public double StitchRadiusMetres { get; set; } = 3;

    /// <summary>Gate radius (metres) around a lost pedestrian's predicted position: people walk close together.</summary>
    public double PedestrianStitchRadiusMetres { get; set; } = 1.2;

    /// <summary>How much the gate widens per second the journey has been waiting (metres per second).</summary>
    public double StitchRadiusGrowthMetresPerSecond { get; set; } = 1.5;

    /// <summary>
    /// Longest time (seconds of the wait) a lost road user is carried on at its last velocity; after it, it is assumed
    /// stopped. The whole stitch window by default: a car driving on behind a bus for 3 s is 13 m further on, while the
    /// gate grows by only 1.5 m a second.
    /// </summary>
    public TimeSpan MaxPrediction { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>Infer the entry approach of a track born after the entry zone.</summary>
    public bool InferEntry { get; set; } = true;

    /// <summary>Infer the exit approach of a track that ends before the exit zone.</summary>
    public bool InferExit { get; set; } = true;

    /// <summary>
    /// Infer entries and exits of pedestrians too. Off by default: people walk on footways and cross anywhere, so
    /// a heading does not tell which arm they came by; stitching still applies to them.
    /// </summary>
    public bool InferPedestrians { get; set; }

    /// <summary>Largest angle (degrees) between the heading and the direction to a zone for it to lie straight behind or ahead.</summary>
    public double InferMaxAngleDegrees { get; set; } = 20;

    /// <summary>Ground distance (metres) a newly born track must travel before its heading is trusted.</summary>
    public double InferMinTravelMetres { get; set; } = 3;

    /// <summary>
    /// How far (metres on the ground from its first position) a track born turning is looked at again when its entry
    /// could not be inferred at <see cref="InferMinTravelMetres"/>: a left turn seen only from the middle of the
    /// junction bends too little over its first 3 m to be followed back, and reaches its exit zone a few metres on.
    /// The later tries look only back along the bend. Equal to <see cref="InferMinTravelMetres"/> (or less): tried once.
    /// </summary>
    public double InferBendMaxTravelMetres { get; set; } = 8;

    /// <summary>Farthest a zone's centre may lie (metres) from the position it is inferred from.</summary>
    public double InferMaxDistanceMetres { get; set; } = 30;

    /// <summary>
    /// Fastest a pedestrian is taken to move (km/h, sustained over 2 s of ground track): a journey whose majority class
    /// is pedestrian but that moved faster is counted as a bicycle (then checked against
    /// <see cref="MaxBicycleSpeedKmh"/>). 0 turns the check off.
    /// </summary>
    public double MaxPedestrianSpeedKmh { get; set; } = 15;

    /// <summary>
    /// Fastest a bicycle is taken to move (km/h, sustained over 2 s): a journey whose majority class is bicycle but that
    /// moved faster is counted as a motorcycle. The detector confuses the two two-wheelers, seen small and end-on,
    /// far more often than a cyclist rides through an intersection above this (speed pedelecs are limited to 45 km/h).
    /// 0 turns the check off.
    /// </summary>
    public double MaxBicycleSpeedKmh { get; set; } = 40;

    /// <summary>
    /// How far (metres on the ground) a journey must get from where it left its entry zone before the same arm's exit
    /// zone counts as a U-turn: turning round takes the junction, while a vehicle queued beside the centre line can
    /// drift from its entry zone into the exit zone next to it by a box's jitter. 0 turns the check off; without a
    /// calibration it is off.
    /// </summary>
    public double MinUTurnReachMetres { get; set; } = 6;
}
