using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Vision.Sources;

/// <summary>
/// Cuts a stream of raw, fixed-size frames (ffmpeg's <c>-f rawvideo</c>) into pooled frames. Each frame is read
/// straight into its pooled buffer, so nothing is allocated per frame.
/// </summary>
public static class RawFrameReader
{
    /// <summary>
    /// Reads exactly one <paramref name="width"/>×<paramref name="height"/> frame of <paramref name="format"/>.
    /// Returns the frame, or null at the end of the stream; <paramref name="truncatedBytes"/> is the length of a
    /// partial last frame (0 when the stream ended on a frame boundary), which is not delivered.
    /// </summary>
    public static async ValueTask<(Frame? Frame, int TruncatedBytes)> ReadAsync(
        Stream stream, FramePool pool, int width, int height, PixelFormat format, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(pool);
        Frame frame = pool.Rent(width, height, format);
        try
        {
            int read = await stream.ReadAtLeastAsync(frame.PixelMemory, frame.Length, throwOnEndOfStream: false, cancellationToken)
                .ConfigureAwait(false);
            if (read == frame.Length)
            {
                Frame complete = frame;
                frame = null!;
                return (complete, 0);
            }

            return (null, read);
        }
        finally
        {
            frame?.Dispose();
        }
    }
}
