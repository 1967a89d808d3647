namespace SmartCity.Edge.Vision.Sources;

/// <summary>A snapshot of a supervised source, for the health topic and the local status page.</summary>
/// <param name="Name">The source's name.</param>
/// <param name="State">Running, restarting, ended or stopped.</param>
/// <param name="Restarts">How many times the source was reopened after a failure.</param>
/// <param name="FramesRead">Frames the source delivered (including those later dropped).</param>
/// <param name="FramesDropped">Frames dropped because the consumer was slower than the source.</param>
/// <param name="CorruptFrames">Frames the source skipped as corrupt, truncated or undecodable (all openings).</param>
/// <param name="LastError">The last failure's message, or null.</param>
/// <param name="LastErrorAt">When the last failure happened, or null.</param>
/// <param name="NextRestartIn">While restarting: the backoff being waited out.</param>
public readonly record struct SourceHealth(
    string Name,
    SourceState State,
    long Restarts,
    long FramesRead,
    long FramesDropped,
    long CorruptFrames,
    string? LastError,
    DateTimeOffset? LastErrorAt,
    TimeSpan? NextRestartIn);
