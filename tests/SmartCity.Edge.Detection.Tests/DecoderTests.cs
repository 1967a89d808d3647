using SmartCity.Edge.Vision.Frames;
using static SmartCity.Edge.Detection.Tests.DetectionAssert;

namespace SmartCity.Edge.Detection.Tests;

/// <summary>
/// Every format's decoder on a tiny model with the real input/output signature whose output is known
/// (see tools/make-test-models): exact detections after decoding, thresholds, NMS and un-letterboxing.
/// In model pixels the models hold: A car 0.72 (12,16,28,40); B car 0.60 (12.8,16,28.8,40) overlapping A;
/// C person 0.63 on A's box; D bus 0.855 (24,8,48,40); E car 0.45 (32,32,64,64); F car 0.10;
/// G dog 0.81 (16,8,24,16); H bus 0.75 (0,48,16,64). Thresholds 0.3, bus 0.8; NMS IoU 0.45.
/// </summary>
public sealed class DecoderTests
{
    // A 128x128 frame scales by 0.5 onto the 64x64 input with no padding: source = model × 2.
    private static readonly DetectedObject[] SquareFrameExpected =
    [
        Car(0.72f, 24, 32, 56, 80),
        Person(0.63f, 24, 32, 56, 80),
        Bus(0.855f, 48, 16, 96, 80),
        Car(0.45f, 64, 64, 128, 128),
    ];

    [Theory]
    [InlineData("yolox")]
    [InlineData("yolox-decoded")]
    [InlineData("yolov5")]
    [InlineData("yolov8")]
    [InlineData("yolov8-nhwc")]
    [InlineData("yolov8-int8-qdq")]
    public void Decodes_known_output_into_source_pixels_with_class_aware_nms(string model)
    {
        using var detector = ObjectDetector.Load(TestPaths.TestModel(model), new DetectorOptions());
        using var frame = Frame.Allocate(128, 128, PixelFormat.Bgr24);
        var results = new DetectionList();

        Assert.True(detector.TryDetect(frame, results, out string? error), error);

        Equal(SquareFrameExpected, results);
    }

    [Fact]
    public void End2end_output_skips_nms_and_keeps_every_row_above_threshold()
    {
        using var detector = ObjectDetector.Load(TestPaths.TestModel("end2end"), new DetectorOptions());
        using var frame = Frame.Allocate(128, 128, PixelFormat.Rgb24);
        var results = new DetectionList();

        Assert.True(detector.TryDetect(frame, results, out string? error), error);

        Equal([.. SquareFrameExpected, Car(0.6f, 25.6f, 32, 57.6f, 80)], results);
    }

    [Fact]
    public void Top_left_letterbox_is_undone_and_boxes_in_the_padding_are_dropped()
    {
        using var detector = ObjectDetector.Load(TestPaths.TestModel("yolox"), new DetectorOptions());
        // 128x64 → scale 0.5, 64x32 content at the top, padding rows 32–63 below it.
        using var frame = Frame.Allocate(128, 64, PixelFormat.Bgr24);
        var results = new DetectionList();

        Assert.True(detector.TryDetect(frame, results, out string? error), error);

        // E (32,32,64,64) lies wholly in the padding; the others are clipped to the 64-pixel-high frame.
        Equal([Car(0.72f, 24, 32, 56, 64), Person(0.63f, 24, 32, 56, 64), Bus(0.855f, 48, 16, 96, 64)], results);
    }

    [Fact]
    public void Centre_letterbox_is_undone()
    {
        using var detector = ObjectDetector.Load(TestPaths.TestModel("yolov8"), new DetectorOptions());
        // 128x64 → scale 0.5, 64x32 content centred: 16 rows of padding above.
        using var frame = Frame.Allocate(128, 64, PixelFormat.Rgb24);
        var results = new DetectionList();

        Assert.True(detector.TryDetect(frame, results, out string? error), error);

        Equal(
            [Car(0.72f, 24, 0, 56, 48), Person(0.63f, 24, 0, 56, 48), Bus(0.855f, 48, 0, 96, 48), Car(0.45f, 64, 32, 128, 64)],
            results);
    }

    [Fact]
    public void Option_score_threshold_replaces_every_model_threshold()
    {
        using var detector = ObjectDetector.Load(TestPaths.TestModel("yolox"), new DetectorOptions { ScoreThreshold = 0.7f });
        using var frame = Frame.Allocate(128, 128, PixelFormat.Bgr24);
        var results = new DetectionList();

        Assert.True(detector.TryDetect(frame, results, out _));

        // H (bus 0.75) now passes: the model's bus threshold 0.8 no longer applies.
        Equal([Car(0.72f, 24, 32, 56, 80), Bus(0.855f, 48, 16, 96, 80), Bus(0.75f, 0, 96, 32, 128)], results);
    }

    [Fact]
    public void Option_class_thresholds_and_nms_iou_override_the_model()
    {
        var options = new DetectorOptions { NmsIou = 0.95f };
        options.ClassThresholds["car"] = 0.5f;
        options.ClassThresholds["bus"] = 0.9f;
        using var detector = ObjectDetector.Load(TestPaths.TestModel("yolov5"), options);
        using var frame = Frame.Allocate(128, 128, PixelFormat.Bgr24);
        var results = new DetectionList();

        Assert.True(detector.TryDetect(frame, results, out _));

        // B survives NMS at IoU 0.95 (its IoU with A is 0.905); E (0.45) and D (0.855) fall below their classes' thresholds.
        Equal([Car(0.72f, 24, 32, 56, 80), Car(0.6f, 25.6f, 32, 57.6f, 80), Person(0.63f, 24, 32, 56, 80)], results);
    }

    [Fact]
    public void Unmapped_classes_are_reported_as_other_only_when_asked()
    {
        using var detector = ObjectDetector.Load(TestPaths.TestModel("yolov8"), new DetectorOptions { KeepUnmappedClasses = true });
        using var frame = Frame.Allocate(128, 128, PixelFormat.Bgr24);
        var results = new DetectionList();

        Assert.True(detector.TryDetect(frame, results, out _));

        Equal([.. SquareFrameExpected, Dog(0.81f, 32, 16, 48, 32)], results);
    }

    [Fact]
    public void Gray_frames_are_accepted()
    {
        using var detector = ObjectDetector.Load(TestPaths.TestModel("yolox"), new DetectorOptions());
        using var frame = Frame.Allocate(128, 128, PixelFormat.Gray8);
        var results = new DetectionList();

        Assert.True(detector.TryDetect(frame, results, out string? error), error);
        Equal(SquareFrameExpected, results);
    }

    [Fact]
    public void Detection_reports_timings_and_repeats_identically()
    {
        using var detector = ObjectDetector.Load(TestPaths.TestModel("yolox"), new DetectorOptions { IntraOpThreads = 1 });
        using var small = Frame.Allocate(128, 64, PixelFormat.Bgr24);
        using var square = Frame.Allocate(128, 128, PixelFormat.Bgr24);
        var results = new DetectionList();

        // Switching source sizes rebuilds the letterbox tables and padding each time.
        Assert.True(detector.TryDetect(small, results, out _));
        Assert.True(detector.TryDetect(square, results, out _));
        Equal(SquareFrameExpected, results);
        Assert.True(detector.TryDetect(small, results, out _));
        Assert.Equal(3, results.Count);

        Assert.True(detector.LastTimings.InferenceMs > 0);
        Assert.True(detector.LastTimings.TotalMs >= detector.LastTimings.InferenceMs);
        Assert.Equal(0, detector.FailedFrames);
    }
}
