using SmartCity.Edge.Detection;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Tracking.Tests;

/// <summary>
/// A stand-in detector made from the synthetic scene's ground truth: boxes with jitter, random misses, a few
/// false positives, occasional class confusion, and a score that falls with visibility, so hidden objects
/// give the low-score detections ByteTrack's second stage is for and fully hidden ones give none.
/// </summary>
internal sealed class NoisyGroundTruthDetector(int seed)
{
    private readonly Random _rng = new(seed);

    public double MissRate { get; init; } = 0.05;

    public double FalsePositivesPerFrame { get; init; } = 0.2;

    /// <summary>Standard deviation of each box edge as a fraction of the box's width or height.</summary>
    public double Jitter { get; init; } = 0.03;

    public double ClassConfusionRate { get; init; } = 0.05;

    /// <summary>Objects less visible than this are not detected at all.</summary>
    public float MinVisibility { get; init; } = 0.2f;

    /// <summary>Objects lower than this (pixels) are not detected: a 320-pixel detector input sees them as a couple of pixels.</summary>
    public float MinHeight { get; init; } = 10;

    /// <summary>Whether the stand-in detector can see the object at all (the others are "don't care" in the evaluation).</summary>
    public bool IsDetectable(in GroundTruthObject o) => o.Visibility >= MinVisibility && o.Box.Height >= MinHeight;

    public void Detect(ReadOnlySpan<GroundTruthObject> truth, int width, int height, List<DetectedObject> output)
    {
        output.Clear();
        foreach (GroundTruthObject o in truth)
        {
            if (!IsDetectable(o) || _rng.NextDouble() < MissRate)
            {
                continue;
            }

            BoxF b = o.Box;
            float jx = (float)(Jitter * b.Width), jy = (float)(Jitter * b.Height);
            var box = new BoxF(
                b.X1 + (jx * Gauss()), b.Y1 + (jy * Gauss()), b.X2 + (jx * Gauss()), b.Y2 + (jy * Gauss()));
            if (box.Width <= 1 || box.Height <= 1)
            {
                continue;
            }

            float score = Math.Clamp(0.25f + (0.7f * o.Visibility) + (0.05f * Gauss()), 0.05f, 0.99f);
            TrafficClass cls = _rng.NextDouble() < ClassConfusionRate ? Confuse(o.Class) : o.Class;
            output.Add(new DetectedObject(box.Clip(width, height), score, (int)cls, cls));
        }

        double fp = FalsePositivesPerFrame;
        while (_rng.NextDouble() < fp)
        {
            fp -= 1;
            float w = 15 + (60 * _rng.NextSingle()), h = 15 + (50 * _rng.NextSingle());
            float x = (width - w) * _rng.NextSingle(), y = (height - h) * _rng.NextSingle();
            output.Add(new DetectedObject(new BoxF(x, y, x + w, y + h), 0.3f + (0.4f * _rng.NextSingle()), 0, TrafficClass.Car));
        }
    }

    private static TrafficClass Confuse(TrafficClass c) => c switch
    {
        TrafficClass.Car => TrafficClass.Truck,
        TrafficClass.Truck => TrafficClass.Bus,
        TrafficClass.Bus => TrafficClass.Truck,
        TrafficClass.Motorcycle => TrafficClass.Bicycle,
        TrafficClass.Bicycle => TrafficClass.Motorcycle,
        _ => c,
    };

    private float Gauss() => (float)(Math.Sqrt(-2 * Math.Log(1 - _rng.NextDouble())) * Math.Cos(2 * Math.PI * _rng.NextDouble()));
}
