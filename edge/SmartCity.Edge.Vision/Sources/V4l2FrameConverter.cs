using SmartCity.Edge.Vision.Frames;
using SmartCity.Edge.Vision.Imaging;

namespace SmartCity.Edge.Vision.Sources;

/// <summary>
/// Turns one V4L2 capture buffer into a pooled bgr24 frame: YUYV through <see cref="YuyvConverter"/>, MJPEG
/// through <see cref="FrameDecoder"/>. Bad buffers are a false result with a reason, never an exception.
/// </summary>
public static class V4l2FrameConverter
{
    /// <summary>
    /// Converts <paramref name="raw"/> (<paramref name="width"/>×<paramref name="height"/> in <paramref name="format"/>).
    /// A YUYV buffer shorter than width × height × 2 is truncated; an MJPEG buffer may carry padding after the image.
    /// </summary>
    public static bool TryConvert(
        ReadOnlySpan<byte> raw, V4l2CaptureFormat format, int width, int height, FramePool pool, out Frame? frame, out string? error)
    {
        ArgumentNullException.ThrowIfNull(pool);
        frame = null;
        if (raw.IsEmpty)
        {
            error = "empty capture buffer";
            return false;
        }

        if (format == V4l2CaptureFormat.Mjpeg)
        {
            return FrameDecoder.TryDecode(raw, pool, out frame, out error);
        }

        int expected = YuyvConverter.ByteCount(width, height);
        if (raw.Length < expected)
        {
            error = $"truncated YUYV buffer: {raw.Length} of {expected} bytes for {width}x{height}";
            return false;
        }

        Frame converted = pool.Rent(width, height, PixelFormat.Bgr24);
        if (!YuyvConverter.TryConvert(raw, converted.Pixels, width, height))
        {
            converted.Dispose();
            error = $"YUYV needs an even width, not {width}";
            return false;
        }

        frame = converted;
        error = null;
        return true;
    }
}
