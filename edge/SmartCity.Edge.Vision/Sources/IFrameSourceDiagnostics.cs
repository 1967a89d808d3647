namespace SmartCity.Edge.Vision.Sources;

/// <summary>
/// Counters a frame source keeps beside <see cref="IFrameSource"/>; the supervisor adds them up across restarts.
/// </summary>
public interface IFrameSourceDiagnostics
{
    /// <summary>Frames skipped because they were corrupt, truncated or did not decode.</summary>
    long CorruptFrames { get; }
}
