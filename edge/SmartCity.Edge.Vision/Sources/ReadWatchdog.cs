using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Vision.Sources;

/// <summary>
/// Bounds each read of a source by a stall timeout with one reusable timer, so a hung camera or pipe turns into a
/// <see cref="FrameSourceException"/> without allocating a token source per frame.
/// </summary>
internal sealed class ReadWatchdog : IDisposable
{
    private readonly TimeSpan _timeout;
    private CancellationTokenSource _timer = new();

    public ReadWatchdog(TimeSpan timeout) => _timeout = timeout;

    public async ValueTask<Frame?> ReadAsync(IFrameSource source, CancellationToken cancellationToken)
    {
        using CancellationTokenRegistration link = cancellationToken.UnsafeRegister(
            static state => ((CancellationTokenSource)state!).Cancel(), _timer);
        _timer.CancelAfter(_timeout);
        try
        {
            return await source.ReadAsync(_timer.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new FrameSourceException($"{source.Name}: no frame for {_timeout.TotalSeconds:0.###} s (stalled).");
        }
        finally
        {
            if (!_timer.TryReset())
            {
                _timer.Dispose();
                _timer = new CancellationTokenSource();
            }
        }
    }

    public void Dispose() => _timer.Dispose();
}
