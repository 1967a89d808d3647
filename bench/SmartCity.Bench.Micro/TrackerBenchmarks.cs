using BenchmarkDotNet.Attributes;
using SmartCity.Edge.Detection;
using SmartCity.Edge.Tracking;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Bench.Micro;

/// <summary>
/// One <see cref="ByteTracker.Update"/> with 50 (or 100) objects in the frame: the tracker's per-frame cost,
/// to compare with the detector's 5–25 ms. Objects circle on closed loops with jitter, 3 % misses and 10 %
/// low-score detections, so replaying the pre-computed frames forever keeps the same tracks alive. With
/// <see cref="Appearance"/> the tracker also gets the frame's pixels (1280×720, noise) and samples every
/// detection's colour signature for re-identification, as in the agent; without it, boxes only.
/// </summary>
[MemoryDiagnoser]
public class TrackerBenchmarks
{
    private const int FramesPerLoop = 100;
    private DetectedObject[][] _frames = [];
    private ByteTracker _tracker = null!;
    private DateTimeOffset _time;
    private long _frame;
    private Frame? _pixels;

    [Params(50, 100)]
    public int Objects { get; set; }

    [Params(false, true)]
    public bool Appearance { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(9);
        var cx = new float[Objects];
        var cy = new float[Objects];
        var radius = new float[Objects];
        var phase = new float[Objects];
        for (int o = 0; o < Objects; o++)
        {
            // Lanes 100 px apart, objects 60×40 px: neighbours overlap a little, as queued vehicles do.
            cx[o] = 80 + (o % 12 * 100);
            cy[o] = 60 + (o / 12 % 9 * 75);
            radius[o] = 10 + (20 * rng.NextSingle());
            phase[o] = 2 * MathF.PI * rng.NextSingle();
        }

        _frames = new DetectedObject[FramesPerLoop][];
        for (int f = 0; f < FramesPerLoop; f++)
        {
            var list = new List<DetectedObject>(Objects);
            float angle = 2 * MathF.PI * f / FramesPerLoop;
            for (int o = 0; o < Objects; o++)
            {
                if (rng.NextDouble() < 0.03)
                {
                    continue;
                }

                float x = cx[o] + (radius[o] * MathF.Cos(angle + phase[o])) + rng.NextSingle() - 0.5f;
                float y = cy[o] + (radius[o] * MathF.Sin(angle + phase[o])) + rng.NextSingle() - 0.5f;
                var cls = (TrafficClass)(1 + (o % 6));
                float score = rng.NextDouble() < 0.1 ? 0.3f : 0.85f;
                list.Add(new DetectedObject(new BoxF(x - 30, y - 20, x + 30, y + 20), score, (int)cls, cls));
            }

            _frames[f] = [.. list];
        }

        // Appearance off: the tracker as it runs without the frame's pixels; on: its defaults, as in the agent.
        _tracker = new ByteTracker(Appearance ? new TrackerOptions() : new TrackerOptions { ReidentifyDistance = 0, AppearanceWeight = 0 });
        _pixels?.Dispose();
        _pixels = Appearance ? Frame.Allocate(1280, 720, PixelFormat.Bgr24) : null;
        if (_pixels is not null)
        {
            rng.NextBytes(_pixels.Pixels);
        }

        _time = new DateTimeOffset(2026, 1, 1, 7, 0, 0, TimeSpan.Zero);

        // Warm up to the steady state: tracks confirmed, buffers at their peak size.
        for (int i = 0; i < 3 * FramesPerLoop; i++)
        {
            Update();
        }
    }

    [Benchmark]
    public int Update()
    {
        _time += TimeSpan.FromMilliseconds(100);
        if (_pixels is null)
        {
            _tracker.Update(_frames[_frame++ % FramesPerLoop], _time);
        }
        else
        {
            _pixels.Timestamp = _time;
            _tracker.Update(_frames[_frame++ % FramesPerLoop], _pixels);
        }

        return _tracker.ConfirmedCount;
    }

    [GlobalCleanup]
    public void Cleanup() => _pixels?.Dispose();
}
