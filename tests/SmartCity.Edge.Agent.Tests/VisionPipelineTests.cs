using System.Reflection;
using System.Threading.Channels;
using SmartCity.Edge.Agent.Pipeline;
using SmartCity.Edge.Detection;
using SmartCity.Edge.Vision.Frames;
using Xunit;

namespace SmartCity.Edge.Agent.Tests;

/// <summary>
/// The pipeline's consumer loop with and without pre-processing overlapped with inference: frames are
/// detected, observed and disposed in order with their own timestamps, a corrupt frame is skipped and
/// counted, and the detections are the same either way.
/// </summary>
public sealed class VisionPipelineTests
{
    // A tiny model with a known, input-independent output (tools/make-test-models): the boxes depend only on
    // each frame's letterbox geometry, so a frame mapped with another frame's geometry shows.
    private static string Model => Path.Combine(TestData.RepositoryRoot, "tests", "SmartCity.Edge.Detection.Tests", "TestModels", "yolov8");

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private sealed record Seen(long Sequence, DateTimeOffset Timestamp, bool Detected, string Detections, bool Overlapped);

    private sealed class RecordingObserver(ObjectDetector detector, Action<Frame>? onFrame = null) : IFrameObserver
    {
        public List<Seen> Frames { get; } = [];

        public bool ObjectsAlive => false;

        public void OnFrame(Frame frame, ReadOnlySpan<DetectedObject> detections, bool detected)
        {
            Frames.Add(new Seen(
                frame.Sequence, frame.Timestamp, detected, string.Join(";", detections.ToArray()),
                detected && detector.LastTimings.PreprocessOverlapped));
            onFrame?.Invoke(frame);
        }
    }

    private static Channel<Frame> Queue(FramePool pool, int count, int corrupt = -1)
    {
        var channel = Channel.CreateBounded<Frame>(count);
        var rng = new Random(11);
        for (int i = 0; i < count; i++)
        {
            var frame = pool.Rent(128, i % 3 == 2 ? 64 : 128, PixelFormat.Bgr24);
            rng.NextBytes(frame.Pixels);
            frame.Sequence = i;
            frame.Timestamp = DateTimeOffset.UnixEpoch.AddMilliseconds(40 * i);
            if (i == corrupt)
            {
                // What a broken source could hand over: a stride that no longer covers the width.
                typeof(Frame).GetProperty(nameof(Frame.Stride))!.SetValue(frame, 1);
            }

            Assert.True(channel.Writer.TryWrite(frame));
        }

        return channel;
    }

    private static void AssertAllReturned(FramePool pool, int count)
    {
        long created = pool.Created;
        var frames = new Frame[count];
        for (int i = 0; i < count; i++)
        {
            frames[i] = pool.Rent(128, 128, PixelFormat.Bgr24);
        }

        Assert.Equal(created, pool.Created);
        foreach (var f in frames)
        {
            f.Dispose();
        }
    }

    private static async Task<(List<Seen> Seen, PipelineSnapshot Stats, long Failed)> RunAsync(bool overlap, int count, int corrupt)
    {
        using var detector = ObjectDetector.Load(Model, new DetectorOptions { IntraOpThreads = 1, OverlapPreprocessing = overlap });

        // Always wait for the look-ahead, so which frames overlap does not depend on the machine's load.
        detector.WithdrawLateLookahead = false;
        var pool = new FramePool(128, 128, maxRetained: count + 4);
        var channel = Queue(pool, count, corrupt);
        channel.Writer.Complete();
        var observer = new RecordingObserver(detector);
        var pipeline = new VisionPipeline(detector, null, [observer]);

        await pipeline.RunAsync(channel.Reader, CancellationToken.None).WaitAsync(Timeout);

        AssertAllReturned(pool, count);
        return (observer.Frames, pipeline.Stats.Snapshot(), detector.FailedFrames);
    }

    [Fact]
    public async Task Overlapped_pipeline_keeps_order_timestamps_and_detections_and_skips_a_corrupt_frame()
    {
        const int Count = 10, Corrupt = 4;
        var plain = await RunAsync(overlap: false, Count, Corrupt);
        var overlapped = await RunAsync(overlap: true, Count, Corrupt);

        foreach (var run in new[] { plain, overlapped })
        {
            Assert.Equal(Enumerable.Range(0, Count).Select(i => (long)i), run.Seen.Select(s => s.Sequence));
            Assert.Equal(Enumerable.Range(0, Count).Select(i => DateTimeOffset.UnixEpoch.AddMilliseconds(40 * i)), run.Seen.Select(s => s.Timestamp));
            Assert.Equal(Enumerable.Range(0, Count).Select(i => i != Corrupt), run.Seen.Select(s => s.Detected));
            Assert.Equal(1, run.Stats.DetectorErrors);
            Assert.Equal(1, run.Failed);
            Assert.Equal(Count - 1, run.Stats.DetectorRuns);
        }

        Assert.Equal(plain.Seen.Select(s => s.Detections), overlapped.Seen.Select(s => s.Detections));
        Assert.Contains(plain.Seen, s => s.Detections.Length > 0);

        // All frames were queued before the run: every one is prepared ahead except the first, the corrupt
        // one (its preparation fails and is redone, and fails, in its turn) and the one after it.
        Assert.DoesNotContain(plain.Seen, s => s.Overlapped);
        Assert.Equal(Count - 3, overlapped.Seen.Count(s => s.Overlapped));
        Assert.False(overlapped.Seen[0].Overlapped);
        Assert.False(overlapped.Seen[Corrupt + 1].Overlapped);
    }

    [Fact]
    public async Task Cancelled_overlapped_pipeline_disposes_the_frame_it_took_ahead()
    {
        const int Count = 6;
        using var detector = ObjectDetector.Load(Model, new DetectorOptions { IntraOpThreads = 1, OverlapPreprocessing = true });
        var pool = new FramePool(128, 128, maxRetained: Count + 4);
        var channel = Queue(pool, Count);
        using var cancel = new CancellationTokenSource();
        var observer = new RecordingObserver(detector, frame =>
        {
            if (frame.Sequence == 2)
            {
                cancel.Cancel();
            }
        });
        var pipeline = new VisionPipeline(detector, null, [observer]);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pipeline.RunAsync(channel.Reader, cancel.Token).WaitAsync(Timeout));

        // Frames 0–2 were processed; 3 was held as the look-ahead and must be back in the pool; 4 and 5 are
        // still queued, as they would be without the look-ahead.
        Assert.Equal([0L, 1L, 2L], observer.Frames.Select(s => s.Sequence));
        Assert.Equal(2, channel.Reader.Count);
        while (channel.Reader.TryRead(out var left))
        {
            left.Dispose();
        }

        AssertAllReturned(pool, Count);
    }

    /// <summary>
    /// The agent asks the detector for everything down to the tracker's low threshold; the per-class counts it reports
    /// are the objects at the operating point: model.json's (0.3, bus 0.8) or, when the device configuration sets
    /// <c>Detector:ScoreThreshold</c>, that one for every class.
    /// </summary>
    [Theory]
    [InlineData(null)]
    [InlineData(0.5f)]
    public async Task Class_counts_in_the_stats_leave_out_detections_below_the_operating_point(float? configured)
    {
        const int Count = 4;
        using var detector = ObjectDetector.Load(Model, new DetectorOptions { IntraOpThreads = 1, ScoreThreshold = 0.01f });
        var pool = new FramePool(128, 128, maxRetained: Count + 4);
        var channel = Queue(pool, Count);
        channel.Writer.Complete();
        var all = new List<DetectedObject>();
        var pipeline = new VisionPipeline(detector, null, [new CollectingObserver(all)], configured);

        await pipeline.RunAsync(channel.Reader, CancellationToken.None).WaitAsync(Timeout);

        ModelManifest model = detector.Manifest;
        bool AtOperatingPoint(DetectedObject d) =>
            d.Score >= (configured ?? (model.ClassThresholds.TryGetValue(model.ClassNames[d.ClassId], out float t) ? t : model.ScoreThreshold));
        Assert.Contains(all, d => !AtOperatingPoint(d));
        Assert.Contains(all, AtOperatingPoint);
        var expected = new long[TrafficClasses.Count];
        foreach (var d in all.Where(AtOperatingPoint))
        {
            expected[(int)d.TrafficClass]++;
        }

        Assert.Equal(expected, pipeline.Stats.Snapshot().DetectionsByClass);
    }

    private sealed class CollectingObserver(List<DetectedObject> all) : IFrameObserver
    {
        public bool ObjectsAlive => false;

        public void OnFrame(Frame frame, ReadOnlySpan<DetectedObject> detections, bool detected) => all.AddRange(detections);
    }
}
