using System.Numerics;
using SmartCity.Edge.Analytics.Geometry;

namespace SmartCity.Edge.Analytics.Engine;

/// <summary>
/// Recent ground positions of every track slot, in one flat preallocated ring per slot, and the speed they give:
/// the median of the segment speeds inside a time window (robust to one bad box).
/// </summary>
internal sealed class SpeedHistory
{
    /// <summary>Positions kept per slot (3 s at 10 frames/s).</summary>
    public const int Capacity = 32;

    private long[] _ticks;
    private float[] _x;
    private float[] _y;
    private int[] _head;
    private int[] _count;

    public SpeedHistory(int slots)
    {
        _ticks = new long[slots * Capacity];
        _x = new float[slots * Capacity];
        _y = new float[slots * Capacity];
        _head = new int[slots];
        _count = new int[slots];
    }

    public void Grow(int slots)
    {
        Array.Resize(ref _ticks, slots * Capacity);
        Array.Resize(ref _x, slots * Capacity);
        Array.Resize(ref _y, slots * Capacity);
        Array.Resize(ref _head, slots);
        Array.Resize(ref _count, slots);
    }

    public void Clear(int slot) => _count[slot] = 0;

    public void Add(int slot, long ticks, float x, float y)
    {
        int i = (slot * Capacity) + _head[slot];
        _ticks[i] = ticks;
        _x[i] = x;
        _y[i] = y;
        _head[slot] = (_head[slot] + 1) % Capacity;
        _count[slot] = Math.Min(_count[slot] + 1, Capacity);
    }

    /// <summary>The newest ground position of <paramref name="slot"/>, if any.</summary>
    public bool TryLatest(int slot, out long ticks, out Vector2 position)
    {
        if (_count[slot] == 0)
        {
            ticks = 0;
            position = default;
            return false;
        }

        int i = (slot * Capacity) + ((_head[slot] - 1 + Capacity) % Capacity);
        ticks = _ticks[i];
        position = new Vector2(_x[i], _y[i]);
        return true;
    }

    /// <summary>
    /// Mean ground velocity (metres per second) over the positions no older than <paramref name="windowTicks"/>
    /// before the newest one: the displacement from the oldest of them to the newest over the time between.
    /// </summary>
    public bool TryVelocity(int slot, long windowTicks, out Vector2 velocity) => TryVelocity(slot, windowTicks, out velocity, out _);

    /// <summary>
    /// <see cref="TryVelocity(int, long, out Vector2)"/>, also giving the time between the two positions it used
    /// (shorter than the window when the history does not reach that far back).
    /// </summary>
    public bool TryVelocity(int slot, long windowTicks, out Vector2 velocity, out long spanTicks)
    {
        velocity = default;
        spanTicks = 0;
        int count = _count[slot];
        if (count < 2)
        {
            return false;
        }

        int baseIndex = slot * Capacity;
        int newest = baseIndex + ((_head[slot] - 1 + Capacity) % Capacity);
        int oldest = newest;
        for (int k = 1; k < count; k++)
        {
            int i = baseIndex + ((_head[slot] - 1 - k + Capacity) % Capacity);
            if (_ticks[newest] - _ticks[i] > windowTicks)
            {
                break;
            }

            oldest = i;
        }

        long dt = _ticks[newest] - _ticks[oldest];
        if (dt <= 0)
        {
            return false;
        }

        spanTicks = dt;

        float seconds = (float)((double)dt / TimeSpan.TicksPerSecond);
        velocity = new Vector2((_x[newest] - _x[oldest]) / seconds, (_y[newest] - _y[oldest]) / seconds);
        return true;
    }

    /// <summary>
    /// Rate of turn (radians per second, counter-clockwise positive) from the heading of the latest
    /// <paramref name="windowTicks"/> of positions against the heading of the same span before it, and the heading
    /// (unit vector) at the latest position: the latest span's chord turned on by half its span's turn. False when either
    /// span is short of history or moved less than <paramref name="minMetres"/>.
    /// </summary>
    public bool TryTurn(int slot, long windowTicks, float minMetres, out float radiansPerSecond, out Vector2 heading)
    {
        radiansPerSecond = 0;
        heading = default;
        int count = _count[slot];
        if (count < 3)
        {
            return false;
        }

        int baseIndex = slot * Capacity;
        int newest = baseIndex + ((_head[slot] - 1 + Capacity) % Capacity);
        int middle = -1, oldest = -1;
        for (int k = 1; k < count; k++)
        {
            int i = baseIndex + ((_head[slot] - 1 - k + Capacity) % Capacity);
            long age = _ticks[newest] - _ticks[i];
            if (middle < 0 && age >= windowTicks)
            {
                middle = i;
            }
            else if (middle >= 0 && _ticks[middle] - _ticks[i] >= windowTicks)
            {
                oldest = i;
                break;
            }
        }

        if (oldest < 0)
        {
            return false;
        }

        var recent = new Vector2(_x[newest] - _x[middle], _y[newest] - _y[middle]);
        var before = new Vector2(_x[middle] - _x[oldest], _y[middle] - _y[oldest]);
        if (recent.Length() < minMetres || before.Length() < minMetres)
        {
            return false;
        }

        float turned = PlaneVectors.TurnAngle(before, recent);
        float seconds = (float)((double)(_ticks[newest] - _ticks[oldest]) / TimeSpan.TicksPerSecond / 2);
        radiansPerSecond = turned / seconds;
        float recentSeconds = (float)((double)(_ticks[newest] - _ticks[middle]) / TimeSpan.TicksPerSecond);
        (float sin, float cos) = MathF.SinCos(radiansPerSecond * recentSeconds / 2);
        heading = PlaneVectors.Rotate(Vector2.Normalize(recent), sin, cos);
        return true;
    }

    /// <summary>
    /// How the oldest stored stretch of the track bends: the chords from the oldest position to the one halfway in time
    /// to the newest, and from there to the newest. Gives the oldest position, the heading there (the first chord
    /// turned back by half its share of the turn), the curvature (radians per metre, counter-clockwise positive) and the
    /// angle turned between the chords. False with fewer than three positions or a chord shorter than
    /// <paramref name="minMetres"/>.
    /// </summary>
    public bool TryFirstBend(int slot, float minMetres, out Vector2 start, out Vector2 heading, out float curvature, out float turned)
    {
        (start, heading, curvature, turned) = (default, default, 0, 0);
        int count = _count[slot];
        if (count < 3)
        {
            return false;
        }

        int baseIndex = slot * Capacity;
        int newest = baseIndex + ((_head[slot] - 1 + Capacity) % Capacity);
        int oldest = baseIndex + ((_head[slot] - count + Capacity) % Capacity);
        long halfway = _ticks[oldest] + ((_ticks[newest] - _ticks[oldest]) / 2);
        int middle = oldest;
        for (int k = 1; k < count - 1; k++)
        {
            int i = baseIndex + ((_head[slot] - count + k + Capacity) % Capacity);
            if (_ticks[i] > halfway)
            {
                break;
            }

            middle = i;
        }

        var first = new Vector2(_x[middle] - _x[oldest], _y[middle] - _y[oldest]);
        var second = new Vector2(_x[newest] - _x[middle], _y[newest] - _y[middle]);
        float a = first.Length(), b = second.Length();
        if (middle == oldest || a < minMetres || b < minMetres)
        {
            return false;
        }

        turned = PlaneVectors.TurnAngle(first, second);
        curvature = turned / ((a + b) / 2);
        (float sin, float cos) = MathF.SinCos(-curvature * a / 2);
        heading = PlaneVectors.Rotate(first / a, sin, cos);
        start = new Vector2(_x[oldest], _y[oldest]);
        return true;
    }

    /// <summary>Median segment speed (km/h) over the positions no older than <paramref name="windowTicks"/>; NaN when fewer than <paramref name="minSamples"/>.</summary>
    public float SpeedKmh(int slot, long nowTicks, long windowTicks, int minSamples)
    {
        int count = _count[slot];
        Span<float> speeds = stackalloc float[Capacity];
        int segments = 0, samples = 0;
        int baseIndex = slot * Capacity;
        int newer = -1;
        for (int k = 0; k < count; k++)
        {
            // Walk from the newest position backwards.
            int i = baseIndex + ((_head[slot] - 1 - k + Capacity) % Capacity);
            if (nowTicks - _ticks[i] > windowTicks)
            {
                break;
            }

            samples++;
            if (newer >= 0)
            {
                long dt = _ticks[newer] - _ticks[i];
                if (dt > 0)
                {
                    float dx = _x[newer] - _x[i], dy = _y[newer] - _y[i];
                    speeds[segments++] = MathF.Sqrt((dx * dx) + (dy * dy)) / (float)((double)dt / TimeSpan.TicksPerSecond) * 3.6f;
                }
            }

            newer = i;
        }

        if (samples < minSamples || segments == 0)
        {
            return float.NaN;
        }

        Span<float> used = speeds[..segments];
        used.Sort();
        return (segments & 1) == 1 ? used[segments / 2] : (used[(segments / 2) - 1] + used[segments / 2]) / 2;
    }
}
