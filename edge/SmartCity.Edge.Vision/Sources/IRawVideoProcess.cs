namespace SmartCity.Edge.Vision.Sources;

/// <summary>
/// A running producer of raw video bytes: an ffmpeg child process in production, recorded bytes in tests.
/// Keeping the process behind this lets frame cutting be tested without launching anything.
/// </summary>
public interface IRawVideoProcess : IAsyncDisposable
{
    /// <summary>The process's standard output, carrying raw frames back to back.</summary>
    Stream Output { get; }

    /// <summary>The last lines the process wrote to stderr.</summary>
    StderrTail ErrorTail { get; }

    /// <summary>Waits for the process to exit and returns its exit code.</summary>
    Task<int> WaitForExitAsync(CancellationToken cancellationToken);
}
