using System.Numerics;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Simulation.World;

/// <summary>
/// A path a road user follows on the ground, from where it appears to where it leaves: a polyline with its
/// arc length, the approaches it enters and leaves by, and where it must stop on red (or wait to cross).
/// </summary>
internal sealed class Route
{
    private readonly Vector2[] _points;
    private readonly float[] _arc;

    public Route(IReadOnlyList<Vector2> points, Approach entry, Approach exit, int entryLane, int exitLane, float stopS, float junctionEndS, bool isTurn)
    {
        if (points.Count < 2)
        {
            throw new ArgumentException("A route needs at least two points.", nameof(points));
        }

        _points = [.. points];
        _arc = new float[_points.Length];
        for (int i = 1; i < _points.Length; i++)
        {
            _arc[i] = _arc[i - 1] + Vector2.Distance(_points[i - 1], _points[i]);
        }

        Entry = entry;
        Exit = exit;
        EntryLane = entryLane;
        ExitLane = exitLane;
        StopS = stopS;
        JunctionEndS = junctionEndS;
        IsTurn = isTurn;
    }

    public Approach Entry { get; }

    public Approach Exit { get; }

    /// <summary>Lane key on the way in (vehicles in one entry lane keep their order).</summary>
    public int EntryLane { get; }

    /// <summary>Lane key on the way out, or -1 when the route stays in its entry lane (straight road).</summary>
    public int ExitLane { get; }

    /// <summary>Arc length of the stop line (vehicles) or kerb wait point (pedestrians); +∞ when there is none.</summary>
    public float StopS { get; }

    /// <summary>Arc length where the exit lane starts.</summary>
    public float JunctionEndS { get; }

    /// <summary>True for left/right turns and U-turns (slower through the junction).</summary>
    public bool IsTurn { get; }

    public float Length => _arc[^1];

    /// <summary>Position and unit direction at arc length <paramref name="s"/> (clamped to the route).</summary>
    public void Sample(float s, out Vector2 position, out Vector2 direction)
    {
        int hi = _arc.Length - 1;
        if (s <= 0)
        {
            direction = Vector2.Normalize(_points[1] - _points[0]);
            position = _points[0] + (direction * s);
            return;
        }

        if (s >= _arc[hi])
        {
            direction = Vector2.Normalize(_points[hi] - _points[hi - 1]);
            position = _points[hi] + (direction * (s - _arc[hi]));
            return;
        }

        int lo = 0;
        while (hi - lo > 1)
        {
            int mid = (lo + hi) >> 1;
            if (_arc[mid] <= s) lo = mid;
            else hi = mid;
        }

        float seg = _arc[hi] - _arc[lo];
        float t = seg > 0 ? (s - _arc[lo]) / seg : 0;
        direction = seg > 0 ? (_points[hi] - _points[lo]) / seg : Vector2.UnitY;
        position = Vector2.Lerp(_points[lo], _points[hi], t);
    }

    /// <summary>Appends a cubic Bézier (without its first point) sampled in <paramref name="steps"/> pieces.</summary>
    public static void AddCubic(List<Vector2> points, Vector2 p0, Vector2 p1, Vector2 p2, Vector2 p3, int steps)
    {
        for (int i = 1; i <= steps; i++)
        {
            float t = i / (float)steps, u = 1 - t;
            points.Add((u * u * u * p0) + (3 * u * u * t * p1) + (3 * u * t * t * p2) + (t * t * t * p3));
        }
    }
}
