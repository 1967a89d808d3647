namespace SmartCity.Edge.Vision.Frames;

/// <summary>
/// A pool of frame buffers of one maximum size. Renting after warm-up allocates nothing: frames go back to
/// the pool when disposed. The pool is bounded so a leak shows up as allocations rather than unbounded growth.
/// </summary>
public sealed class FramePool
{
    private readonly Stack<Frame> _free = new();
    private readonly Lock _gate = new();
    private readonly int _capacityBytes;
    private readonly int _maxRetained;
    private long _created;

    /// <summary>Creates a pool for frames up to <paramref name="maxWidth"/>×<paramref name="maxHeight"/> of 3 bytes per pixel.</summary>
    public FramePool(int maxWidth, int maxHeight, int maxRetained = 16)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxHeight);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxRetained);
        _capacityBytes = checked(maxWidth * maxHeight * 3);
        _maxRetained = maxRetained;
    }

    /// <summary>Largest frame in bytes this pool hands out.</summary>
    public int CapacityBytes => _capacityBytes;

    /// <summary>Number of frame buffers ever allocated by this pool (a steady pipeline stops increasing it).</summary>
    public long Created => Interlocked.Read(ref _created);

    /// <summary>Rents a frame of the given size and format; its pixel contents are undefined.</summary>
    public Frame Rent(int width, int height, PixelFormat format)
    {
        int needed = checked(width * height * format.BytesPerPixel());
        if (needed > _capacityBytes)
        {
            throw new ArgumentException(
                $"A {width}x{height} {format} frame needs {needed} bytes; this pool holds frames of at most {_capacityBytes} bytes.");
        }

        Frame? frame;
        lock (_gate)
        {
            _free.TryPop(out frame);
        }

        if (frame is null)
        {
            Interlocked.Increment(ref _created);
            frame = new Frame(this, new byte[_capacityBytes]);
        }

        frame.Reset(width, height, format);
        return frame;
    }

    internal void Return(Frame frame)
    {
        lock (_gate)
        {
            // Beyond the bound the buffer is left to the GC: a consumer that holds many frames should not
            // pin that much memory for ever.
            if (_free.Count < _maxRetained)
            {
                _free.Push(frame);
            }
        }
    }
}
