using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Vision.Motion;

/// <summary>
/// Reduces a frame to a small grey thumbnail by averaging factor×factor cells (optionally sampling every
/// <c>step</c>-th pixel and row). Luma weights are BT.601 in 8-bit fixed point (29, 150, 77 for B, G, R).
/// </summary>
public static class GreyDownscaler
{
    /// <summary>The thumbnail size for a frame of <paramref name="width"/>×<paramref name="height"/> at <paramref name="factor"/>.</summary>
    public static (int Width, int Height) ThumbnailSize(int width, int height, int factor) =>
        (Math.Max(1, width / factor), Math.Max(1, height / factor));

    /// <summary>
    /// Writes the thumbnail of <paramref name="frame"/> into <paramref name="thumbnail"/> (row-major, one byte per cell).
    /// <paramref name="rowSums"/> is scratch space of at least the thumbnail width. Pixels beyond the last whole
    /// cell on the right and bottom are ignored.
    /// </summary>
    public static void Downscale(Frame frame, int factor, int step, Span<byte> thumbnail, Span<int> rowSums)
    {
        ArgumentNullException.ThrowIfNull(frame);
        factor = Math.Min(factor, Math.Min(frame.Width, frame.Height));
        (int cellsX, int cellsY) = ThumbnailSize(frame.Width, frame.Height, factor);
        if (thumbnail.Length < cellsX * cellsY || rowSums.Length < cellsX)
        {
            throw new ArgumentException("Thumbnail or scratch buffer too small.", nameof(thumbnail));
        }

        int bpp = frame.Format.BytesPerPixel();
        (int w0, int w1, int w2) = frame.Format switch
        {
            PixelFormat.Bgr24 => (29, 150, 77),
            PixelFormat.Rgb24 => (77, 150, 29),
            _ => (256, 0, 0),
        };
        int samplesPerSide = (factor + step - 1) / step;
        int divisor = samplesPerSide * samplesPerSide * 256;
        int pixelStep = step * bpp;
        int cellBytes = factor * bpp;
        ReadOnlySpan<byte> pixels = frame.Pixels;
        Span<int> sums = rowSums[..cellsX];
        for (int cy = 0; cy < cellsY; cy++)
        {
            sums.Clear();
            for (int ky = 0; ky < factor; ky += step)
            {
                ReadOnlySpan<byte> row = pixels.Slice(((cy * factor) + ky) * frame.Stride, cellsX * cellBytes);
                ref byte start = ref MemoryMarshal.GetReference(row);
                for (int cx = 0; cx < cellsX; cx++)
                {
                    int offset = cx * cellBytes;
                    int end = offset + cellBytes;
                    int sum = 0;
                    if (bpp == 3)
                    {
                        for (int p = offset; p < end; p += pixelStep)
                        {
                            sum += (Unsafe.Add(ref start, p) * w0) + (Unsafe.Add(ref start, p + 1) * w1) + (Unsafe.Add(ref start, p + 2) * w2);
                        }
                    }
                    else
                    {
                        for (int p = offset; p < end; p += pixelStep)
                        {
                            sum += Unsafe.Add(ref start, p) * 256;
                        }
                    }

                    sums[cx] += sum;
                }
            }

            Span<byte> outRow = thumbnail.Slice(cy * cellsX, cellsX);
            for (int cx = 0; cx < cellsX; cx++)
            {
                outRow[cx] = (byte)(sums[cx] / divisor);
            }
        }
    }
}
