using System.Diagnostics;
using System.Globalization;
using System.Text;
using SmartCity.Edge.Agent.Pipeline;
using SmartCity.Edge.Detection;
using SmartCity.Edge.Simulation;
using SmartCity.Edge.Simulation.Scenarios;
using SmartCity.Edge.Vision.Frames;
using SmartCity.Edge.Vision.Motion;
using SmartCity.Edge.Vision.Sources;

namespace SmartCity.Edge.Agent.Bench;

/// <summary>
/// The measurements behind <c>bench</c>. Raw <c>InferenceSession.Run</c> and the full pipeline (pre-processing,
/// Run, decoding, NMS, bookkeeping) are timed in alternating blocks on the same detector and the same
/// frames, so a noisy neighbour slows both alike and the ratio stays meaningful.
/// </summary>
internal sealed class PipelineBenchmark
{
    private const int RingSize = 48;
    private const int WarmUp = 20;
    private const int InterleaveBlock = 10;
    private const int SettleRuns = 3;
    private static readonly TimeSpan EndToEndDuration = TimeSpan.FromSeconds(5);
    private readonly BenchSettings _settings;
    private readonly TextWriter _progress;
    private readonly CultureInfo _inv = CultureInfo.InvariantCulture;

    public PipelineBenchmark(BenchSettings settings, TextWriter progress)
    {
        _settings = settings;
        _progress = progress;
    }

    public string Run()
    {
        var report = new StringBuilder();
        var scenario = _settings.Scenario with { Duration = null };
        var pool = new FramePool(scenario.Width, scenario.Height, maxRetained: RingSize + 8);
        _progress.WriteLine($"bench: rendering {RingSize} frames of scenario '{scenario.Name}'…");
        var ring = new Frame[RingSize];
        double sourceMs = RenderRing(scenario, pool, ring);
        var manifest = ModelManifest.Load(_settings.ModelFolder);

        report.AppendLine(_inv, $"# bench — {manifest.Name} ({manifest.Format}, input {manifest.Input.Width}x{manifest.Input.Height})");
        report.AppendLine();
        report.AppendLine(_inv, $"Machine: {Environment.ProcessorCount} logical cores, {RuntimeIdentifier()}, .NET {Environment.Version}. ");
        report.AppendLine(_inv, $"Frames: scenario `{scenario.Name}` {scenario.Width}x{scenario.Height}; {_settings.Frames} frames per figure in {_settings.Rounds} rounds, raw and pipeline alternating in blocks of {InterleaveBlock} frames.");
        report.AppendLine();
        report.AppendLine(_inv, $"Raw Run: `InferenceSession.Run` alone on the last prepared input, one call after the other. Pipeline: pre-processing, `Run` through the bound input, decoding, NMS and bookkeeping, timed wall-clock per frame, with the agent's detector settings (scores down to the tracker's low threshold, NMS across classes, suppressed neighbours kept at a low score). Overlap ({OverlapSetting()}): where on, frame n+1 is pre-processed on a helper thread while frame n is inside `Run`; decoding, NMS and mapping stay on the pipeline thread after `Run`, and the pre-processing column is then the helper's time, which is not on the frame's critical path.");
        report.AppendLine();
        report.AppendLine("| intra-op threads | pipeline frames/s | raw Run frames/s | pipeline / raw | pre-processing overlapped | source ms | pre-processing ms | inference ms | post-processing ms | bytes allocated / frame | detections / frame |");
        report.AppendLine("|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|");
        var compareRows = new List<string>();
        foreach (int threads in _settings.ThreadCounts)
        {
            _progress.WriteLine($"bench: {threads} intra-op thread(s)…");
            var row = MeasureThroughput(threads, ring, sourceMs, compareRows);
            report.AppendLine(row);
        }

        if (compareRows.Count > 0)
        {
            var other = ModelManifest.Load(_settings.CompareModelFolder!);
            report.AppendLine();
            // Name and version: a model is often compared with an earlier version of itself.
            string mine = $"{manifest.Name} {manifest.Version}", theirs = $"{other.Name} {other.Version}";
            report.AppendLine(_inv, $"## {mine} against {theirs}, raw Run, same frames, interleaved");
            report.AppendLine();
            report.AppendLine(_inv, $"| intra-op threads | {mine} frames/s | {theirs} frames/s | speed-up |");
            report.AppendLine("|---:|---:|---:|---:|");
            foreach (var r in compareRows)
            {
                report.AppendLine(r);
            }
        }

        report.AppendLine();
        report.AppendLine("## Motion gate");
        report.AppendLine();
        report.AppendLine("| scenario | frames | detector runs gated | detector runs ungated | fewer calls |");
        report.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var name in new[] { "static", scenario.Name })
        {
            _progress.WriteLine($"bench: motion gate on '{name}'…");
            report.AppendLine(MeasureGate(ScenarioCatalog.Get(name), pool));
        }

        report.AppendLine();
        report.AppendLine(_inv, $"## End to end for {EndToEndDuration.TotalSeconds:F0} s: source rendering flat out on its own thread, drop-oldest channel, gate off");
        report.AppendLine();
        report.AppendLine("| intra-op threads | frames/s processed | frames read from the source | dropped (oldest first) |");
        report.AppendLine("|---:|---:|---:|---:|");
        foreach (int threads in _settings.ThreadCounts)
        {
            _progress.WriteLine($"bench: end to end with {threads} thread(s)…");
            report.AppendLine(MeasureEndToEnd(threads, scenario, pool));
        }

        foreach (var f in ring)
        {
            f.Dispose();
        }

        using var process = Process.GetCurrentProcess();
        report.AppendLine();
        report.AppendLine(_inv, $"Peak working set: {process.PeakWorkingSet64 / (1024.0 * 1024.0):F0} MiB. Frame buffers allocated by the pool: {pool.Created}.");
        return report.ToString();
    }

    private string OverlapSetting() => _settings.Overlap switch
    {
        null => $"auto: on below {Environment.ProcessorCount} intra-op threads on this machine",
        true => "forced on",
        false => "forced off",
    };

    private static string RuntimeIdentifier() => System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier;

    private static double RenderRing(ScenarioOptions scenario, FramePool pool, Frame[] ring)
    {
        var scene = new SyntheticTrafficScene(scenario, pool);
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < ring.Length; i++)
        {
            // A 10-frame stride spreads the ring over several seconds of traffic.
            for (int skip = 0; skip < 9; skip++)
            {
                scene.ReadAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult()?.Dispose();
            }

            ring[i] = scene.ReadAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult()
                ?? throw new InvalidOperationException("The synthetic scene ended while filling the benchmark ring.");
        }

        return Stopwatch.GetElapsedTime(start).TotalMilliseconds / (ring.Length * 10);
    }

    private string MeasureThroughput(int threads, Frame[] ring, double sourceMs, List<string> compareRows)
    {
        using var detector = ObjectDetector.Load(_settings.ModelFolder, Options(threads));
        using var compare = _settings.CompareModelFolder is { } c
            ? ObjectDetector.Load(c, new DetectorOptions { IntraOpThreads = threads })
            : null;
        var warm = new VisionPipeline(detector, null, []);
        var scratch = new DetectionList();
        for (int i = 0; i < WarmUp; i++)
        {
            warm.ProcessFrame(ring[i % ring.Length], 0, ring[(i + 1) % ring.Length]);
            detector.RunInferenceOnly();
            compare?.TryDetect(ring[i % ring.Length], scratch, out _);
            compare?.RunInferenceOnly();
        }

        var pipeline = new VisionPipeline(detector, null, []);
        int perRound = Math.Max(1, _settings.Frames / _settings.Rounds);
        double rawMs = 0, pipeMs = 0, compareMs = 0;
        long allocated = 0;
        int frameIndex = 0;
        int overlapped = 0;
        for (int round = 0; round < _settings.Rounds; round++)
        {
            // Raw and pipeline alternate in blocks of a few frames (tens of milliseconds), so a neighbour's
            // burst of CPU hits both alike instead of one whole round of one of them.
            for (int done = 0; done < perRound; done += InterleaveBlock)
            {
                int block = Math.Min(InterleaveBlock, perRound - done);
                long t0 = Stopwatch.GetTimestamp();
                for (int i = 0; i < block; i++)
                {
                    detector.RunInferenceOnly();
                }

                rawMs += Stopwatch.GetElapsedTime(t0).TotalMilliseconds;

                // The pipeline thread and the detector's look-ahead thread, which works on the pipeline's behalf.
                long a0 = GC.GetAllocatedBytesForCurrentThread() + detector.LookaheadAllocatedBytes;
                t0 = Stopwatch.GetTimestamp();
                for (int i = 0; i < block; i++)
                {
                    // The ring stands in for a queue that always holds the next frame: the pipeline may prepare it ahead.
                    pipeline.ProcessFrame(ring[frameIndex % ring.Length], 0, ring[(frameIndex + 1) % ring.Length]);
                    frameIndex++;
                    overlapped += detector.LastTimings.PreprocessOverlapped ? 1 : 0;
                }

                pipeMs += Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                allocated += GC.GetAllocatedBytesForCurrentThread() + detector.LookaheadAllocatedBytes - a0;
            }

            if (compare is not null)
            {
                // Once per round, not per block: the other session's intra-op threads keep spinning for a
                // moment after its Run and would slow whichever figure came next. A few untimed runs let them settle.
                long t0 = Stopwatch.GetTimestamp();
                for (int i = 0; i < perRound; i++)
                {
                    compare.RunInferenceOnly();
                }

                compareMs += Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                for (int i = 0; i < SettleRuns; i++)
                {
                    detector.RunInferenceOnly();
                }
            }
        }

        int n = perRound * _settings.Rounds;
        double rawFps = n * 1000.0 / rawMs, pipeFps = n * 1000.0 / pipeMs;
        var s = pipeline.Stats.Snapshot();
        long detections = 0;
        foreach (long d in s.DetectionsByClass)
        {
            detections += d;
        }

        if (compare is not null)
        {
            double compareFps = n * 1000.0 / compareMs;
            compareRows.Add(string.Create(_inv, $"| {threads} | {rawFps:F1} | {compareFps:F1} | {rawFps / compareFps:F2}× |"));
        }

        return string.Create(
            _inv,
            $"| {threads} | {pipeFps:F1} | {rawFps:F1} | {pipeFps / rawFps:P1} | {(detector.OverlapsPreprocessing ? $"on ({overlapped * 100.0 / n:F0} % of frames)" : "off")} | {sourceMs:F2} | {s.Preprocess.MeanMs:F2} | {s.Inference.MeanMs:F2} | {s.Postprocess.MeanMs:F2} | {allocated / (double)n:F0} | {detections / (double)Math.Max(1, s.DetectorRuns):F1} |");
    }

    /// <summary>
    /// The agent's detector settings (<see cref="TrackerProfile"/>): scores down to the tracker's low threshold, NMS
    /// across classes, suppressed neighbours kept at a low score. So the pipeline's decoding and NMS handle as many
    /// candidates as on a device.
    /// </summary>
    private DetectorOptions Options(int threads)
    {
        DetectorOptions options = TrackerProfile.DetectorOptions(threads, TrackerProfile.For(ModelManifest.Load(_settings.ModelFolder)));
        options.OverlapPreprocessing = _settings.Overlap;
        return options;
    }

    private string MeasureGate(ScenarioOptions scenario, FramePool pool)
    {
        using var detector = ObjectDetector.Load(_settings.ModelFolder, new DetectorOptions { IntraOpThreads = 1 });
        var gate = new MotionGate(new MotionGateOptions());
        var pipeline = new VisionPipeline(detector, gate, []);
        var scene = new SyntheticTrafficScene(scenario with { Duration = null }, pool);
        for (int i = 0; i < _settings.GateFrames; i++)
        {
            using var frame = scene.ReadAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult()
                ?? throw new InvalidOperationException("The synthetic scene ended early.");
            pipeline.ProcessFrame(frame, 0);
        }

        var runs = pipeline.Stats.Snapshot().DetectorRuns;
        return string.Create(
            _inv,
            $"| {scenario.Name} | {_settings.GateFrames} | {runs} | {_settings.GateFrames} | {_settings.GateFrames / (double)Math.Max(1, runs):F1}× |");
    }

    private string MeasureEndToEnd(int threads, ScenarioOptions scenario, FramePool pool)
    {
        // The source renders as fast as it can on its own thread while the pipeline consumes: what the pipeline
        // keeps up with when a camera delivers faster than it can detect. Runs for a fixed wall time.
        using var detector = ObjectDetector.Load(_settings.ModelFolder, Options(threads));
        var pipeline = new VisionPipeline(detector, null, []);
        var source = new SupervisedFrameSource($"synthetic:{scenario.Name}", () => new SyntheticTrafficScene(scenario with { Duration = null }, pool));
        using var stop = new CancellationTokenSource(EndToEndDuration);
        long t0 = Stopwatch.GetTimestamp();
        source.Start(stop.Token);
        try
        {
            pipeline.RunAsync(source.Frames, stop.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            // The fixed measuring time is over.
        }

        double seconds = Stopwatch.GetElapsedTime(t0).TotalSeconds;
        var health = source.Health;
        source.DisposeAsync().AsTask().GetAwaiter().GetResult();
        var s = pipeline.Stats.Snapshot();
        return string.Create(_inv, $"| {threads} | {s.Frames / seconds:F1} | {health.FramesRead} | {health.FramesDropped} |");
    }
}
