using System.Numerics;
using SmartCity.Edge.Analytics.Configuration;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Analytics;

/// <summary>A checked counting line, ready for per-frame use.</summary>
public sealed class CountingLine
{
    private readonly int _classMask;
    private readonly int _directionMask;

    internal CountingLine(
        string name, Vector2 start, Vector2 end, Vector2 inDirection, LineAnchor anchor, float hysteresis, ReadOnlySpan<TrafficClass> classes,
        ReadOnlySpan<CrossingDirection> directions = default)
    {
        Name = name;
        Start = start;
        End = end;
        Anchor = anchor;
        Hysteresis = hysteresis;
        Length = Vector2.Distance(start, end);
        Along = (end - start) / Length;
        var normal = new Vector2(-Along.Y, Along.X);
        Normal = Vector2.Dot(normal, inDirection) >= 0 ? normal : -normal;
        InDirection = Vector2.Normalize(inDirection);
        foreach (TrafficClass c in classes)
        {
            _classMask |= 1 << (int)c;
        }

        foreach (CrossingDirection d in directions)
        {
            _directionMask |= 1 << (int)d;
        }
    }

    /// <summary>Name.</summary>
    public string Name { get; }

    /// <summary>First end point (pixels).</summary>
    public Vector2 Start { get; }

    /// <summary>Second end point (pixels).</summary>
    public Vector2 End { get; }

    /// <summary>The configured "in" direction, unit length.</summary>
    public Vector2 InDirection { get; }

    /// <summary>The box point tested.</summary>
    public LineAnchor Anchor { get; }

    /// <summary>Hysteresis in pixels.</summary>
    public float Hysteresis { get; }

    /// <summary>Length in pixels.</summary>
    public float Length { get; }

    /// <summary>Unit vector from start to end.</summary>
    internal Vector2 Along { get; }

    /// <summary>Unit normal pointing to the "in" side: an object moving along it crosses "in".</summary>
    internal Vector2 Normal { get; }

    /// <summary>Signed distance of <paramref name="p"/> from the line, pixels: positive on the "in" side.</summary>
    public float SignedDistance(Vector2 p) => Vector2.Dot(p - Start, Normal);

    /// <summary>
    /// Whether the straight path from <paramref name="a"/> to <paramref name="b"/>, two points on opposite sides,
    /// crosses the segment itself (within <paramref name="tolerance"/> pixels beyond either end), not the line's
    /// extension beside it.
    /// </summary>
    internal bool PathCrossesSegment(Vector2 a, Vector2 b, float tolerance)
    {
        float da = SignedDistance(a), db = SignedDistance(b);
        if (da == db)
        {
            return false;
        }

        Vector2 x = a + ((b - a) * (da / (da - db)));
        float u = Vector2.Dot(x - Start, Along);
        return u >= -tolerance && u <= Length + tolerance;
    }

    /// <summary>True when the line counts objects of <paramref name="c"/>.</summary>
    public bool Counts(TrafficClass c) => _classMask == 0 || (_classMask & (1 << (int)c)) != 0;

    /// <summary>True when the line counts crossings in direction <paramref name="d"/>.</summary>
    public bool Counts(CrossingDirection d) => _directionMask == 0 || (_directionMask & (1 << (int)d)) != 0;
}
