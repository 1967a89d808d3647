using BenchmarkDotNet.Attributes;
using SmartCity.Edge.Detection;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Bench.Micro;

/// <summary>Class-aware NMS over candidate boxes as a dense intersection produces them (clusters of overlapping boxes).</summary>
[MemoryDiagnoser]
public class NmsBenchmarks
{
    private readonly DetectionList _kept = new(4096);
    private DetectedObject[] _candidates = [];
    private NonMaxSuppression _nms = null!;

    [Params(100, 1000, 5000)]
    public int Candidates { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(7);
        _candidates = new DetectedObject[Candidates];
        for (int i = 0; i < Candidates; i++)
        {
            // Every 8 candidates jitter around one object, as a detector's neighbouring anchors do.
            int obj = i / 8;
            float cx = 20 + (obj * 37 % 600), cy = 20 + (obj * 53 % 440);
            float w = 30 + rng.NextSingle() * 6, h = 18 + rng.NextSingle() * 4;
            cx += rng.NextSingle() * 4 - 2;
            cy += rng.NextSingle() * 4 - 2;
            var cls = (TrafficClass)(1 + (obj % 6));
            _candidates[i] = new DetectedObject(new BoxF(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2), 0.3f + rng.NextSingle() * 0.7f, (int)cls - 1, cls);
        }

        _nms = new NonMaxSuppression(0.45f);
        _nms.Apply(_candidates, _kept);
    }

    [Benchmark]
    public int ClassAwareNms()
    {
        _kept.Clear();
        _nms.Apply(_candidates, _kept);
        return _kept.Count;
    }
}
