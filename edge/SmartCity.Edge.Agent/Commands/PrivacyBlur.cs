using SkiaSharp;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Agent.Commands;

/// <summary>
/// Blurs regions of a frame (people found by the detector) with a Gaussian blur strong enough that a face or a
/// figure cannot be recognised: sigma is a quarter of the box's larger side, at least 8 px, and the box is
/// enlarged by 15 % so the edges of a person are covered too. Everything outside the boxes is left untouched.
/// </summary>
internal static class PrivacyBlur
{
    /// <summary>The frame as an RGBA bitmap with the boxes blurred. The caller disposes it.</summary>
    public static SKBitmap Apply(Frame frame, IReadOnlyList<BoxF> boxes)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(boxes);
        using var original = ToBitmap(frame);
        var result = original.Copy();
        using var canvas = new SKCanvas(result);
        using var image = SKImage.FromBitmap(original);
        foreach (var box in boxes)
        {
            float w = box.X2 - box.X1;
            float h = box.Y2 - box.Y1;
            if (!(w > 0 && h > 0))
            {
                continue;
            }

            var rect = SKRect.Create(box.X1 - (0.15f * w / 2), box.Y1 - (0.15f * h / 2), w * 1.15f, h * 1.15f);
            rect.Intersect(SKRect.Create(0, 0, frame.Width, frame.Height));
            float sigma = Math.Max(8f, Math.Max(w, h) / 4f);
            using var filter = SKImageFilter.CreateBlur(sigma, sigma, SKShaderTileMode.Clamp);
            using var paint = new SKPaint { ImageFilter = filter };
            canvas.Save();
            canvas.ClipRect(rect);
            // Blur only what is near the box: pixels further than 3 sigma do not contribute.
            var source = SKRect.Inflate(rect, 3 * sigma, 3 * sigma);
            source.Intersect(SKRect.Create(0, 0, frame.Width, frame.Height));
            canvas.DrawImage(image, source, source, new SKSamplingOptions(SKFilterMode.Linear), paint);
            canvas.Restore();
        }

        canvas.Flush();
        return result;
    }

    /// <summary><paramref name="bitmap"/> encoded as JPEG, in memory (an operator-requested upload never touches the disk).</summary>
    public static byte[] EncodeJpeg(SKBitmap bitmap, int quality = 90)
    {
        ArgumentNullException.ThrowIfNull(bitmap);
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, quality)
            ?? throw new InvalidOperationException("SkiaSharp could not encode the JPEG.");
        return data.ToArray();
    }

    /// <summary>Writes <paramref name="bitmap"/> as JPEG.</summary>
    public static void SaveJpeg(SKBitmap bitmap, string path, int quality = 90)
    {
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, quality)
            ?? throw new IOException($"{path}: SkiaSharp could not encode the JPEG.");
        string temp = path + ".tmp";
        using (var stream = File.Create(temp))
        {
            data.SaveTo(stream);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
    }

    private static SKBitmap ToBitmap(Frame frame)
    {
        var bitmap = new SKBitmap(new SKImageInfo(frame.Width, frame.Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var pixels = frame.Pixels;
        var target = bitmap.GetPixelSpan();
        int bpp = frame.Format.BytesPerPixel();
        for (int y = 0; y < frame.Height; y++)
        {
            var row = pixels.Slice(y * frame.Stride, frame.Width * bpp);
            var dst = target.Slice(y * bitmap.RowBytes, frame.Width * 4);
            for (int x = 0; x < frame.Width; x++)
            {
                byte r, g, b;
                switch (frame.Format)
                {
                    case PixelFormat.Bgr24: b = row[3 * x]; g = row[(3 * x) + 1]; r = row[(3 * x) + 2]; break;
                    case PixelFormat.Rgb24: r = row[3 * x]; g = row[(3 * x) + 1]; b = row[(3 * x) + 2]; break;
                    default: r = g = b = row[x]; break;
                }

                dst[4 * x] = r;
                dst[(4 * x) + 1] = g;
                dst[(4 * x) + 2] = b;
                dst[(4 * x) + 3] = 255;
            }
        }

        return bitmap;
    }
}
