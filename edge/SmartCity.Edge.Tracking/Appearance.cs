using System.Runtime.CompilerServices;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Tracking;

/// <summary>
/// A box's colour signature: the mean colour of each quarter (2 × 2 cells) of the box's inner part, 12 values
/// from 0 to 255, stored inline in a track (no allocation). Cheap and crude next to a re-identification network, and
/// no help between two vehicles of the same colour, but it tells a white car from the dark one queued behind it.
/// </summary>
[InlineArray(Length)]
internal struct Appearance
{
    /// <summary>Values in a signature: 2 × 2 cells × 3 channels.</summary>
    public const int Length = 12;

    /// <summary>Share of the box's width and height left out on each side: the corners are mostly background.</summary>
    private const float Inset = 0.15f;

    /// <summary>Most samples taken per cell along each axis (144 per cell at most): a larger box is sampled sparsely, so the cost is bounded.</summary>
    private const int MaxStepsPerCell = 12;

    private float _element0;

    /// <summary>
    /// Samples the signature of <paramref name="box"/> in a frame's pixels (interleaved 8-bit channels; one channel is
    /// repeated three times). False when the box's inner part, clipped to the frame, has no whole 2 × 2 pixels.
    /// </summary>
    public bool Sample(ReadOnlySpan<byte> pixels, int width, int height, int stride, int channels, in BoxF box)
    {
        float insetX = box.Width * Inset, insetY = box.Height * Inset;
        int x1 = Math.Max(0, (int)MathF.Ceiling(box.X1 + insetX));
        int y1 = Math.Max(0, (int)MathF.Ceiling(box.Y1 + insetY));
        int x2 = Math.Min(width, (int)MathF.Floor(box.X2 - insetX));
        int y2 = Math.Min(height, (int)MathF.Floor(box.Y2 - insetY));
        if (x2 - x1 < 2 || y2 - y1 < 2 || !float.IsFinite(box.X1 + box.X2 + box.Y1 + box.Y2))
        {
            return false;
        }

        int mx = (x1 + x2) >> 1, my = (y1 + y2) >> 1;
        SampleCell(pixels, stride, channels, x1, y1, mx, my, 0);
        SampleCell(pixels, stride, channels, mx, y1, x2, my, 3);
        SampleCell(pixels, stride, channels, x1, my, mx, y2, 6);
        SampleCell(pixels, stride, channels, mx, my, x2, y2, 9);
        return true;
    }

    /// <summary>All four cells: <see cref="Distance(in Appearance, int)"/> with this mask compares whole signatures.</summary>
    public const int AllCells = 0b1111;

    /// <summary>
    /// The part of <paramref name="box"/> that <see cref="Sample"/> averages into cell <paramref name="cell"/>
    /// (0 top left, 1 top right, 2 bottom left, 3 bottom right), unclipped.
    /// </summary>
    public static BoxF Cell(in BoxF box, int cell)
    {
        float insetX = box.Width * Inset, insetY = box.Height * Inset;
        float x1 = box.X1 + insetX, y1 = box.Y1 + insetY, x2 = box.X2 - insetX, y2 = box.Y2 - insetY;
        float mx = 0.5f * (x1 + x2), my = 0.5f * (y1 + y2);
        bool right = (cell & 1) != 0, bottom = (cell & 2) != 0;
        return new BoxF(right ? mx : x1, bottom ? my : y1, right ? x2 : mx, bottom ? y2 : my);
    }

    /// <summary>
    /// Mean absolute difference to another signature over the cells in <paramref name="cellMask"/> (bit
    /// <c>1 &lt;&lt; cell</c>), scaled to [0, 1]; 1 for an empty mask.
    /// </summary>
    public readonly float Distance(in Appearance other, int cellMask)
    {
        float sum = 0;
        int cells = 0;
        for (int cell = 0; cell < 4; cell++)
        {
            if ((cellMask & (1 << cell)) == 0)
            {
                continue;
            }

            cells++;
            for (int i = cell * 3; i < (cell * 3) + 3; i++)
            {
                sum += MathF.Abs(this[i] - other[i]);
            }
        }

        return cells == 0 ? 1 : sum / (cells * 3 * 255f);
    }

    /// <summary>Mean absolute difference to another signature, scaled to [0, 1] (0: the same colours).</summary>
    public readonly float Distance(in Appearance other) => Distance(other, AllCells);

    /// <summary>Moves this signature towards <paramref name="sample"/> by <paramref name="rate"/> (exponential moving average).</summary>
    public void Blend(in Appearance sample, float rate)
    {
        for (int i = 0; i < Length; i++)
        {
            this[i] += rate * (sample[i] - this[i]);
        }
    }

    private void SampleCell(ReadOnlySpan<byte> pixels, int stride, int channels, int x1, int y1, int x2, int y2, int at)
    {
        int stepX = (x2 - x1 + MaxStepsPerCell - 1) / MaxStepsPerCell;
        int stepY = (y2 - y1 + MaxStepsPerCell - 1) / MaxStepsPerCell;
        int c1 = channels > 1 ? 1 : 0, c2 = channels > 2 ? 2 : 0;
        int s0 = 0, s1 = 0, s2 = 0, n = 0;
        for (int y = y1; y < y2; y += stepY)
        {
            ReadOnlySpan<byte> row = pixels.Slice(y * stride);
            for (int x = x1; x < x2; x += stepX)
            {
                int p = x * channels;
                s0 += row[p];
                s1 += row[p + c1];
                s2 += row[p + c2];
                n++;
            }
        }

        float inv = 1f / n;
        this[at] = s0 * inv;
        this[at + 1] = s1 * inv;
        this[at + 2] = s2 * inv;
    }
}
