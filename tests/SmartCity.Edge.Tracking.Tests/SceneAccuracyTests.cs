using System.Runtime.InteropServices;
using SmartCity.Edge.Detection;
using SmartCity.Edge.Simulation;
using SmartCity.Edge.Simulation.Scenarios;
using SmartCity.Edge.Vision.Frames;
using Xunit;
using Xunit.Abstractions;

namespace SmartCity.Edge.Tracking.Tests;

/// <summary>
/// The tracker on the synthetic intersection's ground truth turned into noisy detections (jitter, 5 % misses,
/// false positives, class confusion, score from visibility), identity switches counted against the true ids.
/// Five minutes of traffic per scenario, so a hundred or more ground-truth tracks are behind each figure.
/// The bounds are what this tracker reaches with a margin, not the target of 1 per 100 on the dense
/// queue, which it meets for vehicles on some seeds only (see the numbers written to the test output).
/// </summary>
public class SceneAccuracyTests(ITestOutputHelper output)
{
    [Fact]
    public void Dense_queue_keeps_vehicle_ids()
    {
        TrackingRun run = Run(ScenarioCatalog.DenseQueue, 3000, seed: 1);
        IdSwitchCounter c = run.Counter;
        Assert.True(c.VehicleTracks >= 150, $"only {c.VehicleTracks} vehicle tracks");
        Assert.True(c.VehicleSwitches * 100.0 / c.VehicleTracks <= 2.5, $"{c.VehicleSwitches} vehicle switches for {c.VehicleTracks} vehicle tracks");
        Assert.True(c.Switches * 100.0 / c.GroundTruthTracks <= 10, $"{c.Switches} switches for {c.GroundTruthTracks} tracks");
        Assert.True(c.MatchedObjects >= 0.88 * c.VisibleObjects, "recall below 88 %");
        Assert.True(c.ClassErrors <= 0.01 * c.MatchedObjects, $"{c.ClassErrors} class errors");
    }

    /// <summary>
    /// The vehicle bound was 25 per 100 until session 16, when the recovery of road users hidden in a queue and the
    /// edge-based motion of lost tracks came on by default: 34 → 44 of 174 here (25.3 per 100), while the eval's
    /// occlusion scenario with the demo detector went 31 → 30 and 35 → 28 on two seed sets (docs/accuracy.md). Here 12
    /// more are two buses 22–25 % visible behind trucks, trading ids with them, and 2 fewer elsewhere: this stand-in
    /// detector gives a hidden road user its whole box, which lies almost wholly on the truck's, where a detector boxes
    /// the part that shows.
    /// </summary>
    [Fact]
    public void Occlusion_by_long_vehicles_keeps_most_ids()
    {
        TrackingRun run = Run(ScenarioCatalog.Occlusion, 3000, seed: 1);
        IdSwitchCounter c = run.Counter;
        Assert.True(c.VehicleTracks >= 150, $"only {c.VehicleTracks} vehicle tracks");
        Assert.True(c.VehicleSwitches * 100.0 / c.VehicleTracks <= 30, $"{c.VehicleSwitches} vehicle switches for {c.VehicleTracks} vehicle tracks");
        Assert.True(c.MatchedObjects >= 0.83 * c.VisibleObjects, "recall below 83 %");
    }

    private sealed record TrackingRun(ByteTracker Tracker, IdSwitchCounter Counter);

    private TrackingRun Run(ScenarioOptions preset, int frames, int seed)
    {
        ScenarioOptions options = preset with { Duration = TimeSpan.FromSeconds(frames / preset.Fps) };
        var scene = new SyntheticTrafficScene(options, null);
        var detector = new NoisyGroundTruthDetector(seed);
        var tracker = new ByteTracker(new TrackerOptions());
        var counter = new IdSwitchCounter(o => detector.IsDetectable(o));
        var detections = new List<DetectedObject>();
        using Frame frame = Frame.Allocate(scene.Width, scene.Height, PixelFormat.Bgr24);
        while (scene.RenderNext(frame))
        {
            FrameGroundTruth truth = frame.GroundTruth!;
            detector.Detect(truth.Objects, scene.Width, scene.Height, detections);
            tracker.Update(CollectionsMarshal.AsSpan(detections), frame.Timestamp);
            counter.Add(frame.Sequence, truth.Objects, tracker.Tracks);
        }

        output.WriteLine(
            $"{preset.Name}, {frames} frames, detector seed {seed}: {counter.Switches} ID switches / {counter.GroundTruthTracks} GT tracks " +
            $"({counter.Switches * 100.0 / counter.GroundTruthTracks:F1} per 100); vehicles {counter.VehicleSwitches} / {counter.VehicleTracks} " +
            $"({counter.VehicleSwitches * 100.0 / counter.VehicleTracks:F1} per 100); recall {counter.MatchedObjects / (double)counter.VisibleObjects:P1}; " +
            $"class errors {counter.ClassErrors} of {counter.MatchedObjects} matches; tracks confirmed {tracker.TracksConfirmed}, created {tracker.TracksCreated}");
        foreach (string s in counter.SwitchLog)
        {
            output.WriteLine(s);
        }

        return new TrackingRun(tracker, counter);
    }
}
