namespace SmartCity.Edge.Vision.Motion;

/// <summary>Why the <see cref="MotionGate"/> ran or skipped detection on a frame.</summary>
public enum MotionReason
{
    /// <summary>Skipped: nothing moved, no tracks alive, refresh not due.</summary>
    Static,

    /// <summary>Run: the first frame (or the first after a size change) has no background to compare with.</summary>
    FirstFrame,

    /// <summary>Run: enough of the downscaled image changed.</summary>
    Motion,

    /// <summary>Run: the tracker still follows objects, which need detections to stay alive.</summary>
    TracksAlive,

    /// <summary>Run: the periodic full refresh, to find objects that stopped and faded into the background.</summary>
    Refresh,

    /// <summary>Run: the gate is disabled (ungated baseline).</summary>
    Disabled,
}
