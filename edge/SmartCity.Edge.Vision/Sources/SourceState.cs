namespace SmartCity.Edge.Vision.Sources;

/// <summary>Where a <see cref="SupervisedFrameSource"/> stands.</summary>
public enum SourceState
{
    /// <summary>Created, not started yet.</summary>
    Idle,

    /// <summary>The source is open and delivering frames.</summary>
    Running,

    /// <summary>The source failed and is waiting out its backoff before it is opened again.</summary>
    Restarting,

    /// <summary>The source reached a normal end of stream; the channel is complete.</summary>
    Ended,

    /// <summary>Stopped by its owner (cancellation or dispose).</summary>
    Stopped,
}
