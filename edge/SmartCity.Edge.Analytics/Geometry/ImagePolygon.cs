using System.Numerics;

namespace SmartCity.Edge.Analytics.Geometry;

/// <summary>A simple polygon in image pixels with a fast, allocation-free point-in-polygon test.</summary>
public sealed class ImagePolygon
{
    private readonly float[] _x;
    private readonly float[] _y;
    private readonly float _minX, _minY, _maxX, _maxY;

    /// <summary>Creates a polygon from its outline (at least three points).</summary>
    public ImagePolygon(ReadOnlySpan<Vector2> outline)
    {
        if (outline.Length < 3)
        {
            throw new ArgumentException("A polygon needs at least three points.", nameof(outline));
        }

        _x = new float[outline.Length];
        _y = new float[outline.Length];
        (_minX, _minY, _maxX, _maxY) = (float.MaxValue, float.MaxValue, float.MinValue, float.MinValue);
        for (int i = 0; i < outline.Length; i++)
        {
            (_x[i], _y[i]) = (outline[i].X, outline[i].Y);
            _minX = MathF.Min(_minX, _x[i]);
            _minY = MathF.Min(_minY, _y[i]);
            _maxX = MathF.Max(_maxX, _x[i]);
            _maxY = MathF.Max(_maxY, _y[i]);
        }
    }

    /// <summary>Number of corners.</summary>
    public int Count => _x.Length;

    /// <summary>Corner <paramref name="i"/>.</summary>
    public Vector2 this[int i] => new(_x[i], _y[i]);

    /// <summary>Centroid of the corners (not of the area; enough to tell which side of a line the polygon lies on).</summary>
    public Vector2 CornerCentroid
    {
        get
        {
            Vector2 sum = Vector2.Zero;
            for (int i = 0; i < _x.Length; i++)
            {
                sum += new Vector2(_x[i], _y[i]);
            }

            return sum / _x.Length;
        }
    }

    /// <summary>Area in square pixels (positive).</summary>
    public float Area => MathF.Abs(PolygonMath.SignedArea(_x, _y));

    /// <summary>True when the point lies inside (even-odd rule; points on the boundary may go either way).</summary>
    public bool Contains(float x, float y)
    {
        if (x < _minX || x > _maxX || y < _minY || y > _maxY)
        {
            return false;
        }

        bool inside = false;
        for (int i = 0, j = _x.Length - 1; i < _x.Length; j = i++)
        {
            if ((_y[i] > y) != (_y[j] > y)
                && x < ((_x[j] - _x[i]) * (y - _y[i]) / (_y[j] - _y[i])) + _x[i])
            {
                inside = !inside;
            }
        }

        return inside;
    }

    /// <summary>The point of the polygon (its outline, or <paramref name="p"/> itself when inside) nearest to <paramref name="p"/>.</summary>
    public Vector2 Nearest(Vector2 p)
    {
        if (Contains(p.X, p.Y))
        {
            return p;
        }

        Vector2 best = p;
        float bestSquared = float.PositiveInfinity;
        for (int i = 0, j = _x.Length - 1; i < _x.Length; j = i++)
        {
            var a = new Vector2(_x[j], _y[j]);
            Vector2 edge = new Vector2(_x[i], _y[i]) - a;
            float lengthSquared = edge.LengthSquared();
            float f = lengthSquared > 0 ? Math.Clamp(Vector2.Dot(p - a, edge) / lengthSquared, 0, 1) : 0;
            Vector2 q = a + (edge * f);
            float d = Vector2.DistanceSquared(p, q);
            if (d < bestSquared)
            {
                bestSquared = d;
                best = q;
            }
        }

        return best;
    }
}
