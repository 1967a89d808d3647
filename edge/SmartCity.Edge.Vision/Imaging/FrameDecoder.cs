using System.Buffers;
using SkiaSharp;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Vision.Imaging;

/// <summary>
/// Decodes JPEG and PNG images (through SkiaSharp) into pooled <see cref="PixelFormat.Bgr24"/> frames.
/// Bad input — empty, corrupt, truncated, too large for the pool — is a false result with a reason,
/// never an exception, so an image folder with one broken file does not stop a pipeline.
/// </summary>
public static class FrameDecoder
{
    /// <summary>Reads an encoded image's size from its header without decoding the pixels; false for anything undecodable.</summary>
    public static unsafe bool TryReadSize(ReadOnlySpan<byte> encoded, out int width, out int height)
    {
        width = 0;
        height = 0;
        if (encoded.IsEmpty)
        {
            return false;
        }

        fixed (byte* data = encoded)
        {
            using var skData = SKData.Create((IntPtr)data, encoded.Length);
            using var codec = skData is null ? null : SKCodec.Create(skData);
            if (codec is null)
            {
                return false;
            }

            width = codec.Info.Width;
            height = codec.Info.Height;
            return width > 0 && height > 0;
        }
    }

    /// <summary>Decodes <paramref name="encoded"/> into a frame rented from <paramref name="pool"/>.</summary>
    /// <param name="encoded">The whole encoded file.</param>
    /// <param name="pool">Pool to rent the frame from; the caller disposes the frame.</param>
    /// <param name="frame">The decoded frame, or null when decoding failed.</param>
    /// <param name="error">Why decoding failed, or null.</param>
    public static unsafe bool TryDecode(ReadOnlySpan<byte> encoded, FramePool pool, out Frame? frame, out string? error)
    {
        ArgumentNullException.ThrowIfNull(pool);
        frame = null;
        if (encoded.IsEmpty)
        {
            error = "empty image (0 bytes)";
            return false;
        }

        fixed (byte* data = encoded)
        {
            // Wraps the caller's bytes without copying; data and codec are disposed before the pin ends.
            using var skData = SKData.Create((IntPtr)data, encoded.Length);
            using var codec = skData is null ? null : SKCodec.Create(skData);
            if (codec is null)
            {
                error = $"not a decodable JPEG or PNG image ({encoded.Length} bytes, unrecognised or corrupt header)";
                return false;
            }

            int width = codec.Info.Width;
            int height = codec.Info.Height;
            if (width <= 0 || height <= 0)
            {
                error = $"image has no pixels ({width}x{height})";
                return false;
            }

            long needed = (long)width * height * 3;
            if (needed > pool.CapacityBytes)
            {
                error = $"image of {width}x{height} needs {needed} bytes; the frame pool holds at most {pool.CapacityBytes}";
                return false;
            }

            var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
            byte[] rgba = ArrayPool<byte>.Shared.Rent(checked(width * height * 4));
            try
            {
                SKCodecResult result;
                fixed (byte* pixels = rgba)
                {
                    result = codec.GetPixels(info, (IntPtr)pixels, info.RowBytes, new SKCodecOptions());
                }

                if (result != SKCodecResult.Success)
                {
                    error = result == SKCodecResult.IncompleteInput
                        ? $"truncated image: {width}x{height} header but the data ends early"
                        : $"image could not be decoded: {result}";
                    return false;
                }

                var decoded = pool.Rent(width, height, PixelFormat.Bgr24);
                RgbaToBgr(rgba.AsSpan(0, width * height * 4), decoded.Pixels);
                decoded.Timestamp = DateTimeOffset.UtcNow;
                frame = decoded;
                error = null;
                return true;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(rgba);
            }
        }
    }

    private static void RgbaToBgr(ReadOnlySpan<byte> rgba, Span<byte> bgr)
    {
        int pixels = bgr.Length / 3;
        for (int i = 0, s = 0, d = 0; i < pixels; i++, s += 4, d += 3)
        {
            bgr[d] = rgba[s + 2];
            bgr[d + 1] = rgba[s + 1];
            bgr[d + 2] = rgba[s];
        }
    }
}
