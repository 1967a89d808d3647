using System.Diagnostics;
using SmartCity.Edge.Detection;
using SmartCity.Edge.Simulation;
using SmartCity.Edge.Simulation.Scenarios;
using SmartCity.Edge.Updates;
using SmartCity.Edge.Vision.Frames;
using SmartCity.Edge.Vision.Imaging;

namespace SmartCity.Edge.Agent.Commands;

/// <summary>
/// The model self-test used by <c>doctor</c> and by model updates (the <see cref="SelfTest"/> delegate): load the
/// folder with the real detector and run it on the bundled frame — <c>selftest.png</c> or <c>selftest.jpg</c> in the
/// model folder when the bundle carries one, else a frame of the synthetic intersection. With <c>selftest.txt</c>
/// holding a number N, at least N detections are required, so a model that loads but sees nothing fails.
/// </summary>
internal static class ModelSelfTest
{
    private static readonly string[] FrameFiles = ["selftest.png", "selftest.jpg"];

    /// <summary>The delegate form for <see cref="UpdateInstaller"/>.</summary>
    public static readonly SelfTest Delegate = (folder, ct) => ValueTask.FromResult(Run(folder));

    /// <summary>Runs the self-test on <paramref name="modelFolder"/>.</summary>
    public static SelfTestResult Run(string modelFolder)
    {
        long start = Stopwatch.GetTimestamp();
        ObjectDetector detector;
        try
        {
            detector = ObjectDetector.Load(modelFolder, new DetectorOptions { IntraOpThreads = 1 });
        }
        catch (Exception ex) when (ex is ModelLoadException or ArgumentException or IOException)
        {
            return SelfTestResult.Fail(ex.Message);
        }

        using (detector)
        {
            var pool = new FramePool(1920, 1080, maxRetained: 1);
            Frame? frame = null;
            string source;
            string? image = FrameFiles.Select(f => Path.Combine(modelFolder, f)).FirstOrDefault(File.Exists);
            if (image is not null)
            {
                if (!FrameDecoder.TryDecode(File.ReadAllBytes(image), pool, out frame, out string? error))
                {
                    return SelfTestResult.Fail($"{image}: {error}");
                }

                source = Path.GetFileName(image);
            }
            else
            {
                frame = SyntheticFrame(pool);
                source = "synthetic frame";
            }

            using (frame)
            {
                var results = new DetectionList();
                if (!detector.TryDetect(frame!, results, out string? error))
                {
                    return SelfTestResult.Fail($"inference on the {source} failed: {error}");
                }

                foreach (ref readonly var d in results.AsSpan())
                {
                    if (!float.IsFinite(d.Box.X1) || !float.IsFinite(d.Box.Y2) || !float.IsFinite(d.Score))
                    {
                        return SelfTestResult.Fail($"the model produced a non-finite box or score on the {source}");
                    }
                }

                int required = RequiredDetections(modelFolder);
                double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                string detail = $"{detector.Manifest.Name} {detector.Manifest.Version} loaded and ran on the {source}: {results.Count} detections, {ms:F0} ms";
                return results.Count >= required
                    ? SelfTestResult.Pass(detail)
                    : SelfTestResult.Fail($"{detail}; at least {required} expected (selftest.txt)");
            }
        }
    }

    private static int RequiredDetections(string folder)
    {
        string path = Path.Combine(folder, "selftest.txt");
        return File.Exists(path) && int.TryParse(File.ReadAllText(path).Trim(), System.Globalization.CultureInfo.InvariantCulture, out int n) ? n : 0;
    }

    private static Frame SyntheticFrame(FramePool pool)
    {
        var scene = new SyntheticTrafficScene(ScenarioCatalog.Get("light"), pool);
        try
        {
            // A few seconds in, so there is traffic in the frame.
            Frame? frame = null;
            for (int i = 0; i < 40; i++)
            {
                frame?.Dispose();
                frame = scene.ReadAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
            }

            return frame ?? throw new InvalidOperationException("The synthetic scene produced no frame.");
        }
        finally
        {
            scene.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }
}
