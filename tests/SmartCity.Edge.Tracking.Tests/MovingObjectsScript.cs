using SmartCity.Edge.Detection;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Tracking.Tests;

/// <summary>
/// Pre-computed detections of objects moving on closed loops (so any number of frames can be replayed without
/// ids churning), with jitter and random misses: load for allocation and cost measurements.
/// </summary>
internal sealed class MovingObjectsScript
{
    private readonly DetectedObject[][] _frames;
    private readonly int[] _counts;

    public MovingObjectsScript(int objects, int frames, int seed)
    {
        var rng = new Random(seed);
        _frames = new DetectedObject[frames][];
        _counts = new int[frames];
        var cx = new float[objects];
        var cy = new float[objects];
        var radius = new float[objects];
        var phase = new float[objects];
        for (int o = 0; o < objects; o++)
        {
            // A grid of lanes across a 1280×720 image, objects about 60×40 px, a loop every `frames` frames.
            cx[o] = 80 + (o % 10 * 120);
            cy[o] = 60 + (o / 10 % 8 * 85);
            radius[o] = 10 + (20 * rng.NextSingle());
            phase[o] = 2 * MathF.PI * rng.NextSingle();
        }

        for (int f = 0; f < frames; f++)
        {
            var list = new DetectedObject[objects];
            int n = 0;
            float angle = 2 * MathF.PI * f / frames;
            for (int o = 0; o < objects; o++)
            {
                if (rng.NextDouble() < 0.03)
                {
                    continue;
                }

                float x = cx[o] + (radius[o] * MathF.Cos(angle + phase[o])) + rng.NextSingle() - 0.5f;
                float y = cy[o] + (radius[o] * MathF.Sin(angle + phase[o])) + rng.NextSingle() - 0.5f;
                float score = rng.NextDouble() < 0.1 ? 0.3f : 0.85f;
                var cls = (TrafficClass)(1 + (o % 6));
                list[n++] = new DetectedObject(new BoxF(x - 30, y - 20, x + 30, y + 20), score, (int)cls, cls);
            }

            _frames[f] = list;
            _counts[f] = n;
        }
    }

    public int Length => _frames.Length;

    public ReadOnlySpan<DetectedObject> Frame(long index)
    {
        int i = (int)(index % _frames.Length);
        return _frames[i].AsSpan(0, _counts[i]);
    }
}
