using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Detection.Tests;

public sealed class AllocationTests
{
    [Theory]
    [InlineData("yolox")]
    [InlineData("yolov8")]
    [InlineData("end2end")]
    public void Steady_state_detection_stays_under_one_kilobyte_per_frame(string model)
    {
        using var detector = ObjectDetector.Load(TestPaths.TestModel(model), new DetectorOptions { IntraOpThreads = 1 });
        AssertSteadyStateAllocatesUnderOneKilobyte(detector);
    }

    [Fact]
    public void Steady_state_detection_with_a_detail_region_stays_under_one_kilobyte_per_frame()
    {
        var options = new DetectorOptions { IntraOpThreads = 1, DetailRegion = new DetailRegion(64, 32, 128, 96), DetailMaxHeight = 100 };
        using var detector = ObjectDetector.Load(TestPaths.TestModel("yolov8"), options);
        AssertSteadyStateAllocatesUnderOneKilobyte(detector);
    }

    /// <summary>Five warm-up frames, then 50 measured: at most 1 KB allocated per frame, and detections found.</summary>
    private static void AssertSteadyStateAllocatesUnderOneKilobyte(ObjectDetector detector)
    {
        using var frame = Frame.Allocate(320, 240, PixelFormat.Bgr24);
        var results = new DetectionList();
        for (int i = 0; i < 5; i++)
        {
            Assert.True(detector.TryDetect(frame, results, out string? error), error);
        }

        const int Frames = 50;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Frames; i++)
        {
            detector.TryDetect(frame, results, out _);
        }

        long perFrame = (GC.GetAllocatedBytesForCurrentThread() - before) / Frames;
        Assert.True(perFrame <= 1024, $"{perFrame} bytes allocated per frame");
        Assert.True(results.Count > 0);
    }
}
