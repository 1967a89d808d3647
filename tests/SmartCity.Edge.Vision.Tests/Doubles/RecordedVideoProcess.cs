using SmartCity.Edge.Vision.Sources;

namespace SmartCity.Edge.Vision.Tests.Doubles;

/// <summary>Stands in for an ffmpeg process: recorded stdout bytes, a canned exit code and stderr lines.</summary>
internal sealed class RecordedVideoProcess : IRawVideoProcess
{
    private readonly int _exitCode;

    public RecordedVideoProcess(byte[] stdout, int exitCode, int bytesPerRead = int.MaxValue, params string[] stderr)
    {
        Output = new TricklingStream(stdout, bytesPerRead);
        _exitCode = exitCode;
        foreach (string line in stderr)
        {
            ErrorTail.Add(line);
        }
    }

    public Stream Output { get; }

    public StderrTail ErrorTail { get; } = new();

    public bool Disposed { get; private set; }

    public Task<int> WaitForExitAsync(CancellationToken cancellationToken) => Task.FromResult(_exitCode);

    public ValueTask DisposeAsync()
    {
        Disposed = true;
        return ValueTask.CompletedTask;
    }
}
