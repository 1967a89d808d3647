namespace SmartCity.Edge.Vision.Motion;

/// <summary>Counters of a <see cref="MotionGate"/>, for the gated-versus-ungated measurement and the health topic.</summary>
/// <param name="FramesSeen">Frames evaluated.</param>
/// <param name="InferenceRuns">Frames on which detection was to run.</param>
/// <param name="FirstFrame">Runs because there was no background yet.</param>
/// <param name="Motion">Runs because something moved.</param>
/// <param name="TracksAlive">Runs because tracks were alive.</param>
/// <param name="Refresh">Periodic refresh runs.</param>
/// <param name="Disabled">Runs because the gate is disabled.</param>
/// <param name="SkippedStatic">Frames skipped.</param>
public readonly record struct MotionGateStatistics(
    long FramesSeen,
    long InferenceRuns,
    long FirstFrame,
    long Motion,
    long TracksAlive,
    long Refresh,
    long Disabled,
    long SkippedStatic)
{
    /// <summary>Frames per inference run: how many times fewer detector calls than ungated (1 when ungated).</summary>
    public double ReductionFactor => InferenceRuns == 0 ? 0 : (double)FramesSeen / InferenceRuns;
}
