using System.Numerics;

namespace SmartCity.Edge.Simulation.Rendering;

/// <summary>
/// Fills convex polygons into a Bgr24 image, keeping a per-pixel object-id buffer so that, after painting
/// back to front, each object knows how many of its pixels are still visible. Pixel centres are sampled
/// (a pixel is inside when its centre is), which keeps adjacent faces free of gaps and overlaps.
/// </summary>
internal sealed class Rasterizer
{
    private readonly ushort[] _ids;
    private readonly int[] _painted;
    private readonly int[] _visible;

    public Rasterizer(int width, int height, int maxObjects)
    {
        Width = width;
        Height = height;
        _ids = new ushort[width * height];
        _painted = new int[maxObjects + 1];
        _visible = new int[maxObjects + 1];
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Clears the id buffer and the counters of the first <paramref name="objects"/> ids.</summary>
    public void BeginFrame(int objects)
    {
        Array.Clear(_ids);
        Array.Clear(_painted, 0, objects + 1);
        Array.Clear(_visible, 0, objects + 1);
    }

    /// <summary>Pixels the object with this id painted, overdraw by itself counted once.</summary>
    public int PaintedPixels(int id) => _painted[id];

    /// <summary>Pixels of the object still showing after everything nearer was painted.</summary>
    public int VisiblePixels(int id) => _visible[id];

    /// <summary>Paints a polygon in a solid colour; a positive <paramref name="id"/> also claims its pixels for that object.</summary>
    public void Fill(Span<byte> pixels, ReadOnlySpan<Vector2> polygon, Bgr colour, int id)
    {
        if (!RowRange(polygon, out int y0, out int y1))
        {
            return;
        }

        for (int y = y0; y <= y1; y++)
        {
            if (!Span(polygon, y, out int x0, out int x1))
            {
                continue;
            }

            int row = y * Width;
            Span<byte> line = pixels.Slice(((row + x0) * 3), (x1 - x0 + 1) * 3);
            for (int i = 0; i < line.Length; i += 3)
            {
                line[i] = colour.B;
                line[i + 1] = colour.G;
                line[i + 2] = colour.R;
            }

            if (id > 0)
            {
                Claim(row + x0, row + x1, id);
            }
        }
    }

    /// <summary>Darkens (scale &lt; 256) or brightens (additive <paramref name="add"/>) a polygon without claiming it: shadows and light pools.</summary>
    public void Blend(Span<byte> pixels, ReadOnlySpan<Vector2> polygon, int scale256, Bgr add)
    {
        if (!RowRange(polygon, out int y0, out int y1))
        {
            return;
        }

        for (int y = y0; y <= y1; y++)
        {
            if (!Span(polygon, y, out int x0, out int x1))
            {
                continue;
            }

            Span<byte> line = pixels.Slice(((y * Width) + x0) * 3, (x1 - x0 + 1) * 3);
            for (int i = 0; i < line.Length; i += 3)
            {
                line[i] = (byte)Math.Min(255, ((line[i] * scale256) >> 8) + add.B);
                line[i + 1] = (byte)Math.Min(255, ((line[i + 1] * scale256) >> 8) + add.G);
                line[i + 2] = (byte)Math.Min(255, ((line[i + 2] * scale256) >> 8) + add.R);
            }
        }
    }

    private void Claim(int from, int to, int id)
    {
        var tag = (ushort)id;
        for (int p = from; p <= to; p++)
        {
            ushort old = _ids[p];
            if (old == tag)
            {
                continue;
            }

            _painted[id]++;
            _visible[id]++;
            if (old != 0)
            {
                _visible[old]--;
            }

            _ids[p] = tag;
        }
    }

    private bool RowRange(ReadOnlySpan<Vector2> polygon, out int y0, out int y1)
    {
        float min = float.MaxValue, max = float.MinValue;
        foreach (Vector2 p in polygon)
        {
            min = MathF.Min(min, p.Y);
            max = MathF.Max(max, p.Y);
        }

        y0 = Math.Max(0, (int)MathF.Ceiling(min - 0.5f));
        y1 = Math.Min(Height - 1, (int)MathF.Floor(max - 0.5f));
        return polygon.Length >= 3 && y0 <= y1;
    }

    /// <summary>Columns whose centres lie inside the convex polygon on row <paramref name="y"/>.</summary>
    private bool Span(ReadOnlySpan<Vector2> polygon, int y, out int x0, out int x1)
    {
        float yc = y + 0.5f, left = float.MaxValue, right = float.MinValue;
        Vector2 a = polygon[^1];
        foreach (Vector2 b in polygon)
        {
            if ((a.Y <= yc && b.Y > yc) || (b.Y <= yc && a.Y > yc))
            {
                float x = a.X + ((yc - a.Y) * (b.X - a.X) / (b.Y - a.Y));
                left = MathF.Min(left, x);
                right = MathF.Max(right, x);
            }

            a = b;
        }

        x0 = Math.Max(0, (int)MathF.Ceiling(left - 0.5f));
        x1 = Math.Min(Width - 1, (int)MathF.Floor(right - 0.5f));
        return left <= right && x0 <= x1;
    }
}
