using SmartCity.Edge.Detection;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Updates.Tests;

/// <summary>The self-test the agent runs, in test form: load the model folder with the real detector and run it on a frame.</summary>
internal static class DetectorSelfTest
{
    public static int Runs;

    public static ValueTask<SelfTestResult> Run(string folder, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Runs);
        using var detector = ObjectDetector.Load(folder, new DetectorOptions { IntraOpThreads = 1 });
        using var frame = Frame.Allocate(64, 64, PixelFormat.Bgr24);
        frame.Pixels.Fill(90);
        var results = new DetectionList();
        return ValueTask.FromResult(detector.TryDetect(frame, results, out string? error)
            ? SelfTestResult.Pass($"{detector.Manifest.Name} ran, {results.Count} detections")
            : SelfTestResult.Fail(error ?? "inference failed"));
    }
}
