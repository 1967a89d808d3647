using SmartCity.Edge.Vision.Frames;
using SmartCity.Edge.Vision.Sources;

namespace SmartCity.Edge.Agent.Pipeline;

/// <summary>
/// Delivers an inner source's frames no faster than their timestamps say, like a live camera. Used for the
/// synthetic scene in the demo so the pipeline sees 10 frames/s, not as many as the renderer can make.
/// </summary>
internal sealed class PacedFrameSource : IFrameSource
{
    private readonly IFrameSource _inner;
    private readonly TimeProvider _time;
    private DateTimeOffset? _firstFrameTime;
    private long _startTicks;

    public PacedFrameSource(IFrameSource inner, TimeProvider? time = null)
    {
        _inner = inner;
        _time = time ?? TimeProvider.System;
    }

    public string Name => _inner.Name;

    public int Width => _inner.Width;

    public int Height => _inner.Height;

    public double NominalFps => _inner.NominalFps;

    public async ValueTask<Frame?> ReadAsync(CancellationToken cancellationToken)
    {
        var frame = await _inner.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (frame is null)
        {
            return null;
        }

        if (_firstFrameTime is not { } first)
        {
            _firstFrameTime = frame.Timestamp;
            _startTicks = _time.GetTimestamp();
            return frame;
        }

        var due = frame.Timestamp - first;
        var wait = due - _time.GetElapsedTime(_startTicks);
        if (wait > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                frame.Dispose();
                throw;
            }
        }

        return frame;
    }

    public ValueTask DisposeAsync() => _inner.DisposeAsync();
}
