using System.Reflection;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Detection.Tests;

/// <summary>
/// Pre-processing the next frame while the current one is inferred: the same tensors and detections as
/// without it, frame by frame; a look-ahead that is not used next, or is unusable, changes nothing else.
/// </summary>
public sealed class LookaheadTests
{
    private static DetectorOptions Options(bool overlap) => new() { IntraOpThreads = 1, OverlapPreprocessing = overlap };

    /// <summary>A detector that always waits for its look-ahead, so which frames overlap does not depend on the scheduler.</summary>
    private static ObjectDetector Load(string model, bool overlap)
    {
        var detector = ObjectDetector.Load(TestPaths.TestModel(model), Options(overlap));
        detector.WithdrawLateLookahead = false;
        return detector;
    }

    /// <summary>Random frames of alternating sizes, so a result mapped with the wrong slot's geometry shows.</summary>
    private static Frame[] Frames(int count)
    {
        var frames = new Frame[count];
        var rng = new Random(3);
        for (int i = 0; i < count; i++)
        {
            frames[i] = i % 3 == 2 ? Frame.Allocate(128, 64, PixelFormat.Rgb24) : Frame.Allocate(128, 128, PixelFormat.Bgr24);
            rng.NextBytes(frames[i].Pixels);
            frames[i].Sequence = i;
            frames[i].Timestamp = DateTimeOffset.UnixEpoch.AddMilliseconds(40 * i);
        }

        return frames;
    }

    /// <summary>What a corrupt source could hand over: a frame whose stride no longer covers its width.</summary>
    private static void Corrupt(Frame frame) =>
        typeof(Frame).GetProperty(nameof(Frame.Stride), BindingFlags.Public | BindingFlags.Instance)!.SetValue(frame, 1);

    [Theory]
    [InlineData("yolox")]
    [InlineData("yolov8")]
    [InlineData("end2end")]
    public void Overlapped_detection_gives_the_same_tensors_and_detections_frame_by_frame(string model)
    {
        using var overlapped = Load(model, true);
        using var plain = Load(model, false);
        var frames = Frames(8);
        var got = new DetectionList();
        var want = new DetectionList();

        for (int i = 0; i < frames.Length; i++)
        {
            Assert.True(overlapped.TryDetect(frames[i], i + 1 < frames.Length ? frames[i + 1] : null, got, out string? error), error);
            Assert.True(plain.TryDetect(frames[i], want, out error), error);

            Assert.Equal(i > 0, overlapped.LastTimings.PreprocessOverlapped);
            Assert.True(plain.InputTensor.SequenceEqual(overlapped.InputTensor), $"input tensor of frame {i} differs");
            DetectionAssert.Equal(want.AsSpan().ToArray(), got);
        }

        Assert.True(overlapped.OverlapsPreprocessing);
        Assert.False(plain.OverlapsPreprocessing);
        Assert.Equal(0, overlapped.FailedFrames);
    }

    [Fact]
    public void A_look_ahead_frame_that_is_not_passed_next_or_has_changed_is_prepared_again()
    {
        using var detector = Load("yolov8", true);
        using var reference = Load("yolov8", false);
        var frames = Frames(3);
        var results = new DetectionList();

        // Frame 1 is prepared ahead, but the caller skips it (say, the motion gate) and passes frame 2.
        Assert.True(detector.TryDetect(frames[0], frames[1], results, out _));
        Assert.True(detector.TryDetect(frames[2], null, results, out _));
        Assert.False(detector.LastTimings.PreprocessOverlapped);
        Assert.True(reference.TryDetect(frames[2], results, out _));
        Assert.True(reference.InputTensor.SequenceEqual(detector.InputTensor));

        // Frame 0 is prepared ahead, then recycled (new sequence, new pixels) before it is passed.
        Assert.True(detector.TryDetect(frames[1], frames[0], results, out _));
        frames[0].Sequence = 99;
        frames[0].Pixels.Fill(7);
        Assert.True(detector.TryDetect(frames[0], null, results, out _));
        Assert.False(detector.LastTimings.PreprocessOverlapped);
        Assert.True(reference.TryDetect(frames[0], results, out _));
        Assert.True(reference.InputTensor.SequenceEqual(detector.InputTensor));
    }

    [Fact]
    public void An_unusable_look_ahead_frame_fails_once_when_its_turn_comes_and_the_next_frames_go_on()
    {
        using var detector = Load("yolov8", true);
        var frames = Frames(4);
        Corrupt(frames[1]);
        var results = new DetectionList();

        Assert.True(detector.TryDetect(frames[0], frames[1], results, out string? error), error);
        Assert.Equal(0, detector.FailedFrames);

        Assert.False(detector.TryDetect(frames[1], frames[2], results, out error));
        Assert.Equal("empty or truncated frame", error);
        Assert.Equal(1, detector.FailedFrames);
        Assert.Equal(0, results.Count);

        Assert.True(detector.TryDetect(frames[2], frames[3], results, out error), error);
        Assert.True(results.Count > 0);
        Assert.True(detector.TryDetect(frames[3], null, results, out error), error);
        Assert.True(detector.LastTimings.PreprocessOverlapped);
        Assert.Equal(1, detector.FailedFrames);
    }

    [Fact]
    public void Steady_state_with_look_ahead_allocates_nothing_on_either_thread()
    {
        using var detector = Load("yolov8", true);
        var frames = Frames(6);
        var results = new DetectionList();
        for (int i = 0; i < 12; i++)
        {
            Assert.True(detector.TryDetect(frames[i % 6], frames[(i + 1) % 6], results, out _));
        }

        const int Count = 60;
        long before = GC.GetAllocatedBytesForCurrentThread();
        long helperBefore = detector.LookaheadAllocatedBytes;
        for (int i = 0; i < Count; i++)
        {
            detector.TryDetect(frames[i % 6], frames[(i + 1) % 6], results, out _);
            Assert.True(detector.LastTimings.PreprocessOverlapped);
        }

        long perFrame = (GC.GetAllocatedBytesForCurrentThread() - before + detector.LookaheadAllocatedBytes - helperBefore) / Count;
        Assert.True(perFrame <= 1024, $"{perFrame} bytes allocated per frame");
    }

    [Fact]
    public void A_look_ahead_the_helper_has_not_started_is_withdrawn_and_prepared_in_its_turn()
    {
        // Whether the helper gets to a job before the caller asks depends on the scheduler: both outcomes
        // must give the plain detector's tensor and detections, only the overlapped flag differs.
        using var detector = ObjectDetector.Load(TestPaths.TestModel("yolov8"), Options(true));
        using var reference = Load("yolov8", false);
        var frames = Frames(40);
        var got = new DetectionList();
        var want = new DetectionList();
        int overlapped = 0;
        for (int i = 0; i < frames.Length; i++)
        {
            Assert.True(detector.TryDetect(frames[i], i + 1 < frames.Length ? frames[i + 1] : null, got, out string? error), error);
            Assert.True(reference.TryDetect(frames[i], want, out error), error);
            overlapped += detector.LastTimings.PreprocessOverlapped ? 1 : 0;
            Assert.True(reference.InputTensor.SequenceEqual(detector.InputTensor), $"input tensor of frame {i} differs");
            DetectionAssert.Equal(want.AsSpan().ToArray(), got);
        }

        Assert.InRange(overlapped, 0, frames.Length - 1);
        Assert.Equal(0, detector.FailedFrames);
    }

    [Fact]
    public void Overlap_defaults_to_on_only_when_a_core_is_left_idle()
    {
        Assert.False(DetectorOptions.OverlapPaysOff(0));
        Assert.Equal(Environment.ProcessorCount > 1, DetectorOptions.OverlapPaysOff(1));
        Assert.False(DetectorOptions.OverlapPaysOff(Environment.ProcessorCount));
        using var detector = ObjectDetector.Load(TestPaths.TestModel("yolox"), new DetectorOptions { IntraOpThreads = 1 });
        Assert.Equal(Environment.ProcessorCount > 1, detector.OverlapsPreprocessing);
    }
}
