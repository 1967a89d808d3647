using SmartCity.Edge.Vision.Frames;
using SmartCity.Edge.Vision.Sources;

namespace SmartCity.Edge.Vision.Tests.Doubles;

/// <summary>A healthy source: frames filled with their index, optionally finite, optionally paced.</summary>
internal class CountingFrameSource : IFrameSource
{
    private readonly FramePool _pool;
    private readonly long _limit;
    private readonly TimeSpan _interval;

    public CountingFrameSource(FramePool pool, long limit = long.MaxValue, TimeSpan interval = default, string name = "counting")
    {
        _pool = pool;
        _limit = limit;
        _interval = interval;
        Name = name;
    }

    public string Name { get; }

    public int Width => 4;

    public int Height => 4;

    public double NominalFps => 0;

    public long Delivered { get; private set; }

    public bool Disposed { get; private set; }

    public virtual async ValueTask<Frame?> ReadAsync(CancellationToken cancellationToken)
    {
        if (Delivered >= _limit)
        {
            return null;
        }

        if (_interval > TimeSpan.Zero)
        {
            await Task.Delay(_interval, cancellationToken);
        }
        else
        {
            await Task.Yield();
        }

        Frame frame = _pool.Rent(Width, Height, PixelFormat.Bgr24);
        frame.Pixels.Fill((byte)Delivered);
        frame.Sequence = Delivered++;
        frame.Timestamp = DateTimeOffset.UtcNow;
        return frame;
    }

    public ValueTask DisposeAsync()
    {
        Disposed = true;
        return ValueTask.CompletedTask;
    }
}
