namespace SmartCity.Edge.Vision.Frames;

/// <summary>
/// One image from a source, in a buffer rented from a <see cref="FramePool"/>. Whoever holds a frame last
/// disposes it, which hands the buffer back to the pool; a frame must not be used after that.
/// </summary>
public sealed class Frame : IDisposable
{
    private readonly FramePool? _owner;
    private readonly byte[] _buffer;
    private int _leased;

    internal Frame(FramePool? owner, byte[] buffer)
    {
        _owner = owner;
        _buffer = buffer;
    }

    /// <summary>Creates a frame that owns a new buffer (not pooled); for tests and one-off images.</summary>
    public static Frame Allocate(int width, int height, PixelFormat format)
    {
        var frame = new Frame(null, new byte[checked(width * height * format.BytesPerPixel())]);
        frame.Reset(width, height, format);
        return frame;
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; private set; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; private set; }

    /// <summary>Bytes per row. Always <c>Width × bytes per pixel</c>: rows are tightly packed.</summary>
    public int Stride { get; private set; }

    /// <summary>Pixel layout.</summary>
    public PixelFormat Format { get; private set; }

    /// <summary>Sequence number given by the source, starting at 0, increasing by one per frame read.</summary>
    public long Sequence { get; set; }

    /// <summary>When the frame was captured (UTC). For files without timing, when it was read.</summary>
    public DateTimeOffset Timestamp { get; set; }

    /// <summary>Ground truth for the frame when the source knows it (the synthetic scene), otherwise null.</summary>
    public FrameGroundTruth? GroundTruth { get; set; }

    /// <summary>Number of meaningful bytes: <c>Stride × Height</c>.</summary>
    public int Length => Stride * Height;

    /// <summary>The pixels, <see cref="Length"/> bytes.</summary>
    public Span<byte> Pixels => _buffer.AsSpan(0, Length);

    /// <summary>The pixels as memory (for pipes and streams).</summary>
    public Memory<byte> PixelMemory => _buffer.AsMemory(0, Length);

    /// <summary>The buffer's capacity in bytes.</summary>
    internal int Capacity => _buffer.Length;

    internal void Reset(int width, int height, PixelFormat format)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        int stride = checked(width * format.BytesPerPixel());
        if (checked(stride * height) > _buffer.Length)
        {
            throw new ArgumentException($"Frame buffer of {_buffer.Length} bytes cannot hold {width}x{height} {format}.");
        }

        Width = width;
        Height = height;
        Stride = stride;
        Format = format;
        Sequence = 0;
        Timestamp = default;
        GroundTruth = null;
        Volatile.Write(ref _leased, 1);
    }

    /// <summary>Copies pixels, size and metadata from another frame of the same size and format.</summary>
    public void CopyFrom(Frame other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Width != Width || other.Height != Height || other.Format != Format)
        {
            throw new ArgumentException("Frames differ in size or format.", nameof(other));
        }

        other.Pixels.CopyTo(Pixels);
        Sequence = other.Sequence;
        Timestamp = other.Timestamp;
    }

    /// <summary>Returns the buffer to its pool. Safe to call more than once.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _leased, 0) == 0)
        {
            return;
        }

        GroundTruth = null;
        _owner?.Return(this);
    }

    internal byte[] Buffer => _buffer;
}
