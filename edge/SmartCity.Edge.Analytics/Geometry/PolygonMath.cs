using System.Numerics;

namespace SmartCity.Edge.Analytics.Geometry;

/// <summary>Polygon checks and clipping used when a configuration is loaded.</summary>
public static class PolygonMath
{
    /// <summary>Signed area (shoelace): positive for counter-clockwise in a y-up frame.</summary>
    public static float SignedArea(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        double sum = 0;
        for (int i = 0, j = x.Length - 1; i < x.Length; j = i++)
        {
            sum += ((double)x[j] * y[i]) - ((double)x[i] * y[j]);
        }

        return (float)(sum / 2);
    }

    /// <summary>Absolute area of an outline.</summary>
    public static float Area(ReadOnlySpan<Vector2> outline)
    {
        double sum = 0;
        for (int i = 0, j = outline.Length - 1; i < outline.Length; j = i++)
        {
            sum += ((double)outline[j].X * outline[i].Y) - ((double)outline[i].X * outline[j].Y);
        }

        return (float)Math.Abs(sum / 2);
    }

    /// <summary>
    /// Finds two edges of the outline that cross each other (edges sharing a corner are not compared);
    /// false when the outline is simple.
    /// </summary>
    public static bool FindSelfIntersection(ReadOnlySpan<Vector2> outline, out int firstEdge, out int secondEdge)
    {
        int n = outline.Length;
        for (int i = 0; i < n; i++)
        {
            Vector2 a = outline[i], b = outline[(i + 1) % n];
            for (int j = i + 1; j < n; j++)
            {
                if (j == i + 1 || (i == 0 && j == n - 1))
                {
                    continue;
                }

                Vector2 c = outline[j], d = outline[(j + 1) % n];
                if (SegmentsIntersect(a, b, c, d))
                {
                    (firstEdge, secondEdge) = (i, j);
                    return true;
                }
            }
        }

        (firstEdge, secondEdge) = (-1, -1);
        return false;
    }

    /// <summary>True when segments ab and cd share a point.</summary>
    public static bool SegmentsIntersect(Vector2 a, Vector2 b, Vector2 c, Vector2 d)
    {
        double d1 = Orient(c, d, a), d2 = Orient(c, d, b), d3 = Orient(a, b, c), d4 = Orient(a, b, d);
        if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)))
        {
            return true;
        }

        return (d1 == 0 && OnSegment(c, d, a)) || (d2 == 0 && OnSegment(c, d, b))
            || (d3 == 0 && OnSegment(a, b, c)) || (d4 == 0 && OnSegment(a, b, d));
    }

    /// <summary>
    /// Clips an outline to the rectangle [0, width] × [0, height] (Sutherland–Hodgman; exact for convex and
    /// for most road-arm shapes). The result may have fewer than three points when nothing lies inside.
    /// </summary>
    public static Vector2[] ClipToRectangle(ReadOnlySpan<Vector2> outline, float width, float height)
    {
        var current = new List<Vector2>(outline.ToArray());
        current = ClipEdge(current, p => p.X >= 0, (p, q) => Lerp(p, q, (0 - p.X) / (q.X - p.X)));
        current = ClipEdge(current, p => p.X <= width, (p, q) => Lerp(p, q, (width - p.X) / (q.X - p.X)));
        current = ClipEdge(current, p => p.Y >= 0, (p, q) => Lerp(p, q, (0 - p.Y) / (q.Y - p.Y)));
        current = ClipEdge(current, p => p.Y <= height, (p, q) => Lerp(p, q, (height - p.Y) / (q.Y - p.Y)));
        return [.. current];
    }

    private static List<Vector2> ClipEdge(List<Vector2> input, Func<Vector2, bool> inside, Func<Vector2, Vector2, Vector2> cut)
    {
        var output = new List<Vector2>(input.Count + 4);
        for (int i = 0; i < input.Count; i++)
        {
            Vector2 p = input[i], q = input[(i + 1) % input.Count];
            bool pin = inside(p), qin = inside(q);
            if (pin)
            {
                output.Add(p);
            }

            if (pin != qin)
            {
                output.Add(cut(p, q));
            }
        }

        return output;
    }

    private static Vector2 Lerp(Vector2 p, Vector2 q, float t) => p + ((q - p) * t);

    private static double Orient(Vector2 a, Vector2 b, Vector2 c) =>
        (((double)b.X - a.X) * ((double)c.Y - a.Y)) - (((double)b.Y - a.Y) * ((double)c.X - a.X));

    private static bool OnSegment(Vector2 a, Vector2 b, Vector2 p) =>
        p.X >= MathF.Min(a.X, b.X) && p.X <= MathF.Max(a.X, b.X) && p.Y >= MathF.Min(a.Y, b.Y) && p.Y <= MathF.Max(a.Y, b.Y);
}
