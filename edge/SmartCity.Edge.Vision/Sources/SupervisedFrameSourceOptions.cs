namespace SmartCity.Edge.Vision.Sources;

/// <summary>How a <see cref="SupervisedFrameSource"/> buffers frames and restarts a dead source.</summary>
public sealed class SupervisedFrameSourceOptions
{
    /// <summary>
    /// Frames held for a slow consumer; beyond this the oldest is dropped. Small on purpose: a detector that
    /// falls behind should see the newest frame, not a growing backlog (default 2).
    /// </summary>
    public int ChannelCapacity { get; set; } = 2;

    /// <summary>First delay before reopening a failed source (default 0.5 s).</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest delay between reopen attempts (default 30 s).</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>± fraction of random jitter on each delay (default 0.2).</summary>
    public double BackoffJitter { get; set; } = 0.2;

    /// <summary>A source that ran this long before failing starts its backoff from the beginning (default 60 s).</summary>
    public TimeSpan HealthyPeriod { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// A source whose read gives no frame for this long is treated as dead and reopened (default 30 s); a
    /// watchdog for sources that hang without failing. Sources with their own shorter timeout fail first.
    /// </summary>
    public TimeSpan StallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Reopen the source at a normal end of stream instead of completing the channel.</summary>
    public bool RestartAtEnd { get; set; }

    /// <summary>
    /// When the channel is full, wait for the consumer instead of dropping the oldest frame, so that every frame
    /// is processed. Null (the default) decides per source (<see cref="FrameSourceFactory.CreateSupervised"/>):
    /// on for a folder, a video file or a synthetic scene read faster than real time (<c>RealTime</c> false, no
    /// network stream), where a dropped frame is lost for good and nothing is gained by skipping; off for cameras,
    /// network streams and paced replays, where the detector should see the newest frame.
    /// </summary>
    public bool? BackPressure { get; set; }

    /// <summary>A copy with <see cref="BackPressure"/> set.</summary>
    public SupervisedFrameSourceOptions WithBackPressure(bool backPressure)
    {
        var copy = (SupervisedFrameSourceOptions)MemberwiseClone();
        copy.BackPressure = backPressure;
        return copy;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the key when a value is out of range.</summary>
    public void Validate(string section = "Source:Supervisor")
    {
        if (ChannelCapacity < 1)
        {
            throw Refuse(section, nameof(ChannelCapacity), "must be at least 1");
        }

        if (InitialBackoff <= TimeSpan.Zero)
        {
            throw Refuse(section, nameof(InitialBackoff), "must be positive");
        }

        if (MaxBackoff < InitialBackoff)
        {
            throw Refuse(section, nameof(MaxBackoff), "must not be shorter than InitialBackoff");
        }

        if (BackoffJitter is < 0 or > 1 || double.IsNaN(BackoffJitter))
        {
            throw Refuse(section, nameof(BackoffJitter), "must be between 0 and 1");
        }

        if (StallTimeout <= TimeSpan.Zero)
        {
            throw Refuse(section, nameof(StallTimeout), "must be positive");
        }

        if (HealthyPeriod < TimeSpan.Zero)
        {
            throw Refuse(section, nameof(HealthyPeriod), "must not be negative");
        }
    }

    private static ArgumentException Refuse(string section, string key, string problem) =>
        new($"{section}:{key}: {problem}.", key);
}
