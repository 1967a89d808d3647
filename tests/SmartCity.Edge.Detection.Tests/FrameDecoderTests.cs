using SkiaSharp;
using SmartCity.Edge.Vision.Frames;
using SmartCity.Edge.Vision.Imaging;

namespace SmartCity.Edge.Detection.Tests;

public sealed class FrameDecoderTests
{
    private static byte[] Encode(SKEncodedImageFormat format, int width, int height)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                // Two flat halves with a fine texture, so a JPEG has real scan data to cut short.
                byte t = (byte)((x * 7 + y * 13) % 8);
                bitmap.SetPixel(x, y, x < width / 2 ? new SKColor((byte)(247 + t), (byte)(10 + t), 20) : new SKColor(5, 30, (byte)(240 + t)));
            }
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 95);
        return data.ToArray();
    }

    /// <summary>A JPEG of random noise: mostly scan data, so cutting it in half cuts the pixels, not the header.</summary>
    private static byte[] NoiseJpeg(int width, int height)
    {
        var random = new Random(1);
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        random.NextBytes(bitmap.GetPixelSpan());
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    }

    [Fact]
    public void Png_decodes_to_bgr_exactly()
    {
        byte[] png = Encode(SKEncodedImageFormat.Png, 6, 4);
        var pool = new FramePool(16, 16);

        Assert.True(FrameDecoder.TryDecode(png, pool, out var frame, out string? error), error);
        using (frame)
        {
            Assert.Equal((6, 4, PixelFormat.Bgr24), (frame!.Width, frame.Height, frame.Format));
            Assert.Equal([20, 10, 247], frame.Pixels[..3].ToArray());           // (0,0): t = 0
            Assert.Equal([240 + 3, 30, 5], frame.Pixels[(5 * 3)..(6 * 3)].ToArray()); // (5,0): t = 35 % 8 = 3
        }
    }

    [Fact]
    public void Jpeg_decodes_to_bgr_approximately()
    {
        byte[] jpeg = Encode(SKEncodedImageFormat.Jpeg, 32, 16);
        var pool = new FramePool(64, 64);

        Assert.True(FrameDecoder.TryDecode(jpeg, pool, out var frame, out string? error), error);
        using (frame)
        {
            var left = frame!.Pixels.Slice(((8 * 32) + 2) * 3, 3);
            Assert.InRange(left[2], 230, 255); // red channel last in BGR
            Assert.InRange(left[0], 0, 45);
        }
    }

    [Fact]
    public void Empty_corrupt_and_truncated_images_are_refused_with_a_reason()
    {
        var pool = new FramePool(256, 256);
        byte[] jpeg = NoiseJpeg(256, 256);

        Assert.False(FrameDecoder.TryDecode([], pool, out var frame, out string? error));
        Assert.Null(frame);
        Assert.Contains("empty", error, StringComparison.Ordinal);

        Assert.False(FrameDecoder.TryDecode("definitely not an image"u8, pool, out frame, out error));
        Assert.Contains("not a decodable", error, StringComparison.Ordinal);

        Assert.False(FrameDecoder.TryDecode(jpeg.AsSpan(0, jpeg.Length / 2), pool, out frame, out error));
        Assert.Null(frame);
        Assert.Contains("truncated", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Images_larger_than_the_pool_are_refused()
    {
        byte[] png = Encode(SKEncodedImageFormat.Png, 40, 40);

        Assert.False(FrameDecoder.TryDecode(png, new FramePool(16, 16), out var frame, out string? error));
        Assert.Null(frame);
        Assert.Contains("40x40", error, StringComparison.Ordinal);
    }
}
