using SmartCity.Edge.Analytics;
using SmartCity.Edge.Analytics.Configuration;
using SmartCity.Edge.Tracking;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Analytics.Tests;

/// <summary>Small builders shared by the analytics tests: a 640×480 camera, tracks, a clock.</summary>
internal static class AnalyticsTestKit
{
    public const string Device = "dev-1";
    public const string Camera = "cam-a";
    public const int Width = 640;
    public const int Height = 480;

    /// <summary>07:00:00 UTC on a fixed day: intervals align to it.</summary>
    public static readonly DateTimeOffset T0 = new(2026, 3, 2, 7, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset At(double seconds) => T0 + TimeSpan.FromSeconds(seconds);

    /// <summary>A box of the given size whose bottom-centre is at (x, y).</summary>
    public static BoxF BoxAt(float x, float y, float w = 40, float h = 30) => new(x - (w / 2), y - h, x + (w / 2), y);

    /// <summary>A track whose latest detection had class <paramref name="detected"/> (default: its voted class <paramref name="cls"/>) and <paramref name="score"/>.</summary>
    public static TrackedObject Track(int id, float x, float y, TrafficClass cls = TrafficClass.Car, float w = 40, float h = 30,
        TrackState state = TrackState.Confirmed, int framesSinceUpdate = 0, TrafficClass? detected = null, float score = 0.9f,
        float vx = 0, float vy = 0) =>
        new(id, cls, BoxAt(x, y, w, h), vx, vy, score, state, 10, framesSinceUpdate, detected ?? cls);

    /// <summary>A horizontal line across y = 240 from x 100 to 500 whose "in" points down the image.</summary>
    public static CountingLineOptions HorizontalLine(string name = "stop", float hysteresis = 4, LineAnchor anchor = LineAnchor.BottomCentre) => new()
    {
        Name = name, Start = [100, 240], End = [500, 240], In = [0, 1], Hysteresis = hysteresis, Anchor = anchor,
    };

    public static CameraAnalyticsOptions Options(Action<CameraAnalyticsOptions>? edit = null)
    {
        var o = new CameraAnalyticsOptions { Camera = Camera };
        edit?.Invoke(o);
        return o;
    }

    public static CameraAnalytics NewEngine(CameraAnalyticsOptions options) => CameraAnalytics.Create(options, Device, Width, Height);

    /// <summary>Top-down calibration: 20 pixels per metre, ground y north = image up.</summary>
    public static CalibrationOptions TopDownCalibration() => new()
    {
        ImagePoints = [[0, 0], [640, 0], [640, 480], [0, 480]],
        GroundPoints = [[0, 24], [32, 24], [32, 0], [0, 0]],
    };

    /// <summary>Feeds one frame with the given tracks and no removals.</summary>
    public static void Frame(this CameraAnalytics engine, double seconds, params TrackedObject[] tracks) =>
        engine.Update(tracks, [], At(seconds));

    /// <summary>Takes every completed summary.</summary>
    public static List<Summaries.IntervalSummary> TakeAll(this CameraAnalytics engine)
    {
        var list = new List<Summaries.IntervalSummary>();
        while (engine.TryTakeCompletedInterval(out Summaries.IntervalSummary? s))
        {
            list.Add(s);
        }

        return list;
    }

    /// <summary>
    /// Moves one track in a straight line from (x0, y0) to (x1, y1) over <paramref name="frames"/> frames at 10 fps; with
    /// <paramref name="reportVelocity"/> the track reports that motion as its image velocity (pixels per second), else 0.
    /// </summary>
    public static double Drive(this CameraAnalytics engine, int id, double startSeconds, float x0, float y0, float x1, float y1, int frames,
        TrafficClass cls = TrafficClass.Car, float w = 40, float h = 30, TrafficClass? detected = null, float score = 0.9f, bool reportVelocity = false)
    {
        double t = startSeconds;
        float vx = reportVelocity ? (x1 - x0) / frames * 10 : 0, vy = reportVelocity ? (y1 - y0) / frames * 10 : 0;
        for (int k = 0; k <= frames; k++)
        {
            float f = (float)k / frames;
            engine.Frame(t, Track(id, x0 + ((x1 - x0) * f), y0 + ((y1 - y0) * f), cls, w, h, detected: detected, score: score, vx: vx, vy: vy));
            t += 0.1;
        }

        return t;
    }
}
