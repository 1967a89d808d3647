namespace SmartCity.Edge.Vision.Motion;

/// <summary>The gate's answer for one frame.</summary>
/// <param name="RunDetection">True when the detector should run on this frame.</param>
/// <param name="Reason">Why: the first reason that applied, in the order Motion, TracksAlive, Refresh.</param>
/// <param name="ChangedFraction">Fraction of downscaled cells that changed (0 when not measured).</param>
public readonly record struct MotionDecision(bool RunDetection, MotionReason Reason, double ChangedFraction);
