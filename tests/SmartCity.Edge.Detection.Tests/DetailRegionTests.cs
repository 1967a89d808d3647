using SmartCity.Edge.Vision.Frames;
using static SmartCity.Edge.Detection.Tests.DetectionAssert;

namespace SmartCity.Edge.Detection.Tests;

/// <summary>The second detector pass over a detail region: its tensor, its mapping back, its merge and its checks.</summary>
public sealed class DetailRegionTests
{
    private static ModelInputSpec Spec(int width, int height) =>
        new("images", width, height, TensorLayout.Nchw, ColorOrder.Rgb, PixelScale.ByteRange, [0, 0, 0], [1, 1, 1], LetterboxPlacement.TopLeft, 114, ResizeMethod.Bilinear);

    /// <summary>A frame whose pixel (x, y) has B = 3x + 7y, G = x·y, R = 250 − x − y (mod 256).</summary>
    private static Frame Pattern(int width, int height)
    {
        var frame = Frame.Allocate(width, height, PixelFormat.Bgr24);
        var p = frame.Pixels;
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                int i = (y * frame.Stride) + (x * 3);
                (p[i], p[i + 1], p[i + 2]) = ((byte)((3 * x) + (7 * y)), (byte)(x * y), (byte)(250 - x - y));
            }
        }

        return frame;
    }

    private static Frame Crop(Frame frame, DetailRegion r)
    {
        var crop = Frame.Allocate(r.Width, r.Height, frame.Format);
        for (int y = 0; y < r.Height; y++)
        {
            frame.Pixels.Slice(((r.Y + y) * frame.Stride) + (r.X * 3), r.Width * 3).CopyTo(crop.Pixels.Slice(y * crop.Stride, r.Width * 3));
        }

        return crop;
    }

    [Theory]
    [InlineData(40, 40)] // enlarged ×1.6 (bilinear)
    [InlineData(64, 48)] // the model's own size: the unscaled channel split
    [InlineData(128, 96)] // reduced ×0.5
    public void A_region_gives_the_tensor_of_the_same_pixels_cut_out_as_a_frame(int modelWidth, int modelHeight)
    {
        using var frame = Pattern(160, 120);
        var region = new DetailRegion(37, 21, 64, 48);
        using var crop = Crop(frame, region);
        var fromRegion = new LetterboxPreprocessor(Spec(modelWidth, modelHeight), new float[3 * modelWidth * modelHeight]);
        var fromCrop = new LetterboxPreprocessor(Spec(modelWidth, modelHeight), new float[3 * modelWidth * modelHeight]);

        Assert.True(fromRegion.TryPrepare(frame, region, out string? error), error);
        Assert.True(fromCrop.TryPrepare(crop, out error), error);

        Assert.Equal(fromCrop.Tensor.ToArray(), fromRegion.Tensor.ToArray());
    }

    [Fact]
    public void Boxes_from_a_region_map_back_to_frame_pixels_clipped_to_the_region()
    {
        var pre = new LetterboxPreprocessor(Spec(128, 96), new float[3 * 128 * 96]);
        using var frame = Pattern(160, 120);
        Assert.True(pre.TryPrepare(frame, new DetailRegion(80, 60, 64, 48), out string? error), error); // ×2
        Span<DetectedObject> boxes =
        [
            new(new BoxF(10, 8, 20, 16), 0.9f, 1, TrafficClass.Car),
            new(new BoxF(120, 90, 140, 110), 0.9f, 1, TrafficClass.Car), // runs over the region's right and bottom edges
        ];

        Assert.Equal(2, pre.MapToSource(boxes));
        Assert.Equal(new BoxF(85, 64, 90, 68), boxes[0].Box);
        Assert.Equal(new BoxF(140, 105, 144, 108), boxes[1].Box);

        // The whole frame again (×0.8): no offset left over from the region.
        Assert.True(pre.TryPrepare(frame, out _));
        Span<DetectedObject> whole = [new(new BoxF(10, 8, 20, 16), 0.9f, 1, TrafficClass.Car)];
        Assert.Equal(1, pre.MapToSource(whole));
        Assert.Equal(new BoxF(12.5f, 10, 25, 20), whole[0].Box);
    }

    [Fact]
    public void Inside_the_region_its_small_boxes_replace_the_whole_frames_and_the_rest_stays()
    {
        var region = new DetailRegion(100, 0, 200, 100);
        var results = new DetectionList();
        results.Add(Car(0.5f, 150, 40, 160, 48));   // small, inside: the region's business → dropped
        results.Add(Car(0.5f, 200, 60, 208, 66));   // small, inside, the region's pass found nothing there → dropped all the same
        results.Add(Car(0.9f, 150, 40, 190, 80));   // tall, inside: stays
        results.Add(Car(0.4f, 20, 40, 30, 48));     // small, outside: stays
        results.Add(Car(0.6f, 101, 40, 106, 48));   // small, centre within 4 px of the edge: stays
        DetectedObject[] detail =
        [
            Car(0.8f, 151, 41, 161, 49),            // small, inside: added
            Car(0.95f, 200, 30, 260, 90),           // tall: the whole frame's business → ignored
            Car(0.7f, 100.5f, 50, 110, 58),         // cut by the region's left edge → ignored
            Car(0.7f, 250, 1, 260, 9),              // at the region's top edge, which is the frame's: added
            Car(0.3f, 152, 42, 162, 50),            // a second box on the first one's car (IoU > 0.3), lower score → dropped
        ];

        DetailMerge.Merge(results, detail, region, maxHeight: 12, frameWidth: 640, frameHeight: 480);

        Equal(
            [Car(0.9f, 150, 40, 190, 80), Car(0.4f, 20, 40, 30, 48), Car(0.6f, 101, 40, 106, 48), Car(0.8f, 151, 41, 161, 49), Car(0.7f, 250, 1, 260, 9)],
            results);
    }

    [Fact]
    public void A_region_box_on_a_whole_frame_box_it_does_not_own_keeps_the_higher_score()
    {
        var region = new DetailRegion(0, 0, 200, 200);
        var results = new DetectionList();
        results.Add(Car(0.5f, 50, 50, 60, 62));     // 12 px: not the region's at maxHeight 12
        DetailMerge.Merge(results, [Car(0.8f, 50, 51, 60, 61)], region, maxHeight: 12, frameWidth: 640, frameHeight: 480);
        Equal([Car(0.8f, 50, 51, 60, 61)], results);

        results.Clear();
        results.Add(Car(0.9f, 50, 50, 60, 62));
        DetailMerge.Merge(results, [Car(0.8f, 50, 51, 60, 61)], region, maxHeight: 12, frameWidth: 640, frameHeight: 480);
        Equal([Car(0.9f, 50, 50, 60, 62)], results);
    }

    [Fact]
    public void The_detector_adds_the_regions_small_boxes_in_frame_pixels()
    {
        // The test model always finds the same boxes in its 64 × 64 input. A 256 × 256 frame is seen at a quarter of
        // that scale; the 64 × 64 region at (128, 128) at its own, so its car A (12,16,28,40) lands at (140,144,156,168).
        var options = new DetectorOptions { DetailRegion = new DetailRegion(128, 128, 64, 64), DetailMaxHeight = 30 };
        using var detector = ObjectDetector.Load(TestPaths.TestModel("yolov8"), options);
        using var frame = Frame.Allocate(256, 256, PixelFormat.Bgr24);
        var results = new DetectionList();

        Assert.True(detector.TryDetect(frame, results, out string? error), error);

        // The whole frame's boxes (all taller than 30 px), then the region's car; its person on the same box is one
        // object with it (IoU 1 > 0.3) and loses on score; its bus and car E are 32 px tall, the whole frame's business.
        Equal(
            [Car(0.72f, 48, 64, 112, 160), Person(0.63f, 48, 64, 112, 160), Bus(0.855f, 96, 32, 192, 160), Car(0.45f, 128, 128, 256, 256), Car(0.72f, 140, 144, 156, 168)],
            results);
        Assert.Equal(new DetailRegion(128, 128, 64, 64), detector.DetailRegion);
    }

    [Fact]
    public void A_frame_the_region_does_not_fit_fails_with_the_reason_and_is_counted()
    {
        using var detector = ObjectDetector.Load(TestPaths.TestModel("yolov8"), new DetectorOptions { DetailRegion = new DetailRegion(100, 100, 64, 64) });
        using var frame = Frame.Allocate(128, 128, PixelFormat.Bgr24);
        var results = new DetectionList();

        Assert.False(detector.TryDetect(frame, results, out string? error));

        Assert.Equal("DetailRegion: detail region 100,100,64,64: it reaches (164, 164), beyond the 128×128 frame", error);
        Assert.Equal(1, detector.FailedFrames);
    }

    [Theory]
    [InlineData(-1, 0, 64, 64, "left of or above the frame")]
    [InlineData(0, 0, 31, 64, "at least 32 px")]
    public void A_region_of_no_use_is_refused_at_load_naming_the_key(int x, int y, int width, int height, string reason)
    {
        var options = new DetectorOptions { DetailRegion = new DetailRegion(x, y, width, height) };
        var ex = Assert.Throws<ArgumentException>(() => ObjectDetector.Load(TestPaths.TestModel("yolov8"), options));
        Assert.Equal("DetailRegion", ex.ParamName);
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(-3f)]
    [InlineData(float.NaN)]
    public void A_detail_height_of_no_use_is_refused_at_load(float maxHeight)
    {
        var options = new DetectorOptions { DetailRegion = new DetailRegion(0, 0, 64, 64), DetailMaxHeight = maxHeight };
        var ex = Assert.Throws<ArgumentException>(() => ObjectDetector.Load(TestPaths.TestModel("yolov8"), options));
        Assert.Equal("DetailMaxHeight", ex.ParamName);
    }

    [Theory]
    [InlineData("160,0,320,240", true)]
    [InlineData(" 1, 2 ,3,4", true)]
    [InlineData("160,0,320", false)]
    [InlineData("160,0,320,2x", false)]
    [InlineData("", false)]
    public void Regions_parse_from_four_whole_numbers(string text, bool ok)
    {
        Assert.Equal(ok, DetailRegion.TryParse(text, out var region));
        if (ok)
        {
            Assert.Equal(text.Replace(" ", "", StringComparison.Ordinal), region.ToString());
        }
    }
}
