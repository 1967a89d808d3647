using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Detection.Tests;

/// <summary>The input tensor for tiny known images, value by value.</summary>
public sealed class LetterboxPreprocessorTests
{
    private static ModelInputSpec Spec(
        int width = 4, int height = 4, TensorLayout layout = TensorLayout.Nchw, ColorOrder color = ColorOrder.Rgb,
        PixelScale scale = PixelScale.ByteRange, LetterboxPlacement letterbox = LetterboxPlacement.TopLeft,
        ResizeMethod resize = ResizeMethod.Bilinear, float[]? mean = null, float[]? std = null) =>
        new("images", width, height, layout, color, scale, mean ?? [0, 0, 0], std ?? [1, 1, 1], letterbox, 114, resize);

    /// <summary>A 4x2 frame whose pixel (x, y) has R = 10·x + y, G = 100 + R, B = 200 + R, written in the frame's format.</summary>
    private static Frame Image(PixelFormat format, int width = 4, int height = 2)
    {
        var frame = Frame.Allocate(width, height, format);
        var p = frame.Pixels;
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                byte r = (byte)((10 * x) + y);
                int i = ((y * width) + x) * 3;
                (p[i], p[i + 1], p[i + 2]) = format == PixelFormat.Rgb24 ? (r, (byte)(100 + r), (byte)(200 + r)) : ((byte)(200 + r), (byte)(100 + r), r);
            }
        }

        return frame;
    }

    private static float R(int x, int y) => (10 * x) + y;

    [Theory]
    [InlineData(PixelFormat.Bgr24)]
    [InlineData(PixelFormat.Rgb24)]
    public void Top_left_rgb_nchw_copies_pixels_and_pads_below(PixelFormat format)
    {
        var tensor = new float[48];
        var pre = new LetterboxPreprocessor(Spec(), tensor);
        using var frame = Image(format);

        Assert.True(pre.TryPrepare(frame, out _));

        Assert.Equal((1f, 0, 0, 4, 2), (pre.Scale, pre.PadX, pre.PadY, pre.ContentWidth, pre.ContentHeight));
        for (int y = 0; y < 4; y++)
        {
            for (int x = 0; x < 4; x++)
            {
                bool content = y < 2;
                Assert.Equal(content ? R(x, y) : 114, tensor[(y * 4) + x]);
                Assert.Equal(content ? 100 + R(x, y) : 114, tensor[16 + (y * 4) + x]);
                Assert.Equal(content ? 200 + R(x, y) : 114, tensor[32 + (y * 4) + x]);
            }
        }
    }

    [Fact]
    public void Centre_bgr_puts_blue_first_and_pads_above_and_below()
    {
        var tensor = new float[48];
        var pre = new LetterboxPreprocessor(Spec(color: ColorOrder.Bgr, letterbox: LetterboxPlacement.Centre), tensor);
        using var frame = Image(PixelFormat.Bgr24);

        Assert.True(pre.TryPrepare(frame, out _));

        Assert.Equal(1, pre.PadY);
        for (int x = 0; x < 4; x++)
        {
            Assert.Equal(114, tensor[x]);                        // row 0 is padding
            Assert.Equal(200 + R(x, 0), tensor[4 + x]);          // channel 0 = blue, content row 0 on canvas row 1
            Assert.Equal(100 + R(x, 1), tensor[16 + 8 + x]);     // channel 1 = green, content row 1 on canvas row 2
            Assert.Equal(R(x, 1), tensor[32 + 8 + x]);           // channel 2 = red
            Assert.Equal(114, tensor[32 + 12 + x]);              // row 3 is padding
        }
    }

    [Fact]
    public void Scale_and_mean_std_apply_to_pixels_and_padding()
    {
        var tensor = new float[48];
        var spec = Spec(scale: PixelScale.UnitRange, mean: [0.5f, 0.25f, 0], std: [0.5f, 0.25f, 2]);
        var pre = new LetterboxPreprocessor(spec, tensor);
        using var frame = Image(PixelFormat.Rgb24);

        Assert.True(pre.TryPrepare(frame, out _));

        float Norm(float pixel, float mean, float std) => ((pixel / 255f) - mean) / std;
        Assert.Equal(Norm(R(3, 1), 0.5f, 0.5f), tensor[(1 * 4) + 3], 1e-5f);
        Assert.Equal(Norm(100 + R(2, 0), 0.25f, 0.25f), tensor[16 + 2], 1e-5f);
        Assert.Equal(Norm(200 + R(1, 1), 0, 2), tensor[32 + 4 + 1], 1e-5f);
        Assert.Equal(Norm(114, 0.5f, 0.5f), tensor[12], 1e-5f);
        Assert.Equal(Norm(114, 0, 2), tensor[47], 1e-5f);
    }

    [Fact]
    public void Nhwc_interleaves_channels()
    {
        var tensor = new float[48];
        var pre = new LetterboxPreprocessor(Spec(layout: TensorLayout.Nhwc), tensor);
        using var frame = Image(PixelFormat.Bgr24);

        Assert.True(pre.TryPrepare(frame, out _));

        int i = ((1 * 4) + 2) * 3; // pixel (2, 1)
        Assert.Equal([R(2, 1), 100 + R(2, 1), 200 + R(2, 1)], tensor[i..(i + 3)]);
        Assert.Equal([114f, 114f, 114f], tensor[(3 * 12)..(3 * 12 + 3)]);
    }

    [Fact]
    public void Bilinear_downscale_by_two_averages_each_two_by_two_block()
    {
        var tensor = new float[12];
        var pre = new LetterboxPreprocessor(Spec(width: 2, height: 2), tensor);
        using var frame = Image(PixelFormat.Rgb24, width: 4, height: 4);

        Assert.True(pre.TryPrepare(frame, out _));

        Assert.Equal(0.5f, pre.Scale);
        for (int y = 0; y < 2; y++)
        {
            for (int x = 0; x < 2; x++)
            {
                float mean = (R(2 * x, 2 * y) + R((2 * x) + 1, 2 * y) + R(2 * x, (2 * y) + 1) + R((2 * x) + 1, (2 * y) + 1)) / 4;
                Assert.Equal(mean, tensor[(y * 2) + x], 1e-4f);
            }
        }
    }

    [Fact]
    public void Nearest_downscale_takes_the_top_left_sample_of_each_block()
    {
        var tensor = new float[12];
        var pre = new LetterboxPreprocessor(Spec(width: 2, height: 2, resize: ResizeMethod.Nearest), tensor);
        using var frame = Image(PixelFormat.Rgb24, width: 4, height: 4);

        Assert.True(pre.TryPrepare(frame, out _));

        Assert.Equal([R(0, 0), R(2, 0), R(0, 2), R(2, 2)], tensor[..4]);
    }

    [Fact]
    public void Boxes_map_back_through_centre_padding_and_scale_and_are_clipped()
    {
        var pre = new LetterboxPreprocessor(Spec(width: 64, height: 64, letterbox: LetterboxPlacement.Centre), new float[3 * 64 * 64]);
        using var frame = Frame.Allocate(128, 64, PixelFormat.Bgr24);
        Assert.True(pre.TryPrepare(frame, out _));
        Span<DetectedObject> boxes =
        [
            new(new BoxF(12, 16, 28, 40), 0.9f, 0, TrafficClass.Car),
            new(new BoxF(0, 0, 64, 10), 0.9f, 0, TrafficClass.Car),   // wholly in the top padding → dropped
            new(new BoxF(-5, 20, 70, 30), 0.9f, 0, TrafficClass.Car),
        ];

        int kept = pre.MapToSource(boxes);

        Assert.Equal(2, kept);
        Assert.Equal(new BoxF(24, 0, 56, 48), boxes[0].Box);
        Assert.Equal(new BoxF(0, 8, 128, 28), boxes[1].Box);
    }

    [Fact]
    public void Gray_frames_fill_all_three_channels()
    {
        var tensor = new float[48];
        var pre = new LetterboxPreprocessor(Spec(), tensor);
        using var frame = Frame.Allocate(4, 2, PixelFormat.Gray8);
        for (int i = 0; i < 8; i++)
        {
            frame.Pixels[i] = (byte)(i * 3);
        }

        Assert.True(pre.TryPrepare(frame, out _));

        Assert.Equal([15f, 15f, 15f], [tensor[5], tensor[16 + 5], tensor[32 + 5]]);
    }

    [Theory]
    [InlineData(PixelFormat.Bgr24, ColorOrder.Rgb, LetterboxPlacement.TopLeft)]
    [InlineData(PixelFormat.Bgr24, ColorOrder.Bgr, LetterboxPlacement.Centre)]
    [InlineData(PixelFormat.Rgb24, ColorOrder.Rgb, LetterboxPlacement.Centre)]
    [InlineData(PixelFormat.Gray8, ColorOrder.Rgb, LetterboxPlacement.TopLeft)]
    public void A_camera_sized_frame_matches_a_plain_bilinear_reference_everywhere(PixelFormat format, ColorOrder color, LetterboxPlacement letterbox)
    {
        // Large enough for the SIMD paths (the tiny images above only reach the scalar tails), with a
        // per-channel mean/std so a channel mix-up in the vectorised scale shows.
        MatchesReference(640, 480, 384, 384, format, color, letterbox, PixelScale.UnitRange, PreprocessKernel.Best);
    }

    public static TheoryData<int, int, int, int, PixelFormat, ColorOrder, LetterboxPlacement, PixelScale> OddGeometries => new()
    {
        // Odd widths leave every vector loop a scalar tail; 641 source columns cross no vector boundary evenly.
        { 641, 479, 384, 384, PixelFormat.Bgr24, ColorOrder.Rgb, LetterboxPlacement.TopLeft, PixelScale.UnitRange },
        { 333, 97, 117, 61, PixelFormat.Rgb24, ColorOrder.Bgr, LetterboxPlacement.Centre, PixelScale.ByteRange },
        { 1280, 720, 416, 416, PixelFormat.Bgr24, ColorOrder.Bgr, LetterboxPlacement.TopLeft, PixelScale.ByteRange },
        { 100, 300, 64, 96, PixelFormat.Gray8, ColorOrder.Bgr, LetterboxPlacement.Centre, PixelScale.UnitRange },
        { 160, 120, 320, 320, PixelFormat.Rgb24, ColorOrder.Rgb, LetterboxPlacement.Centre, PixelScale.UnitRange },  // upscale
        { 37, 23, 37, 37, PixelFormat.Bgr24, ColorOrder.Rgb, LetterboxPlacement.TopLeft, PixelScale.ByteRange },     // scale 1
        // Frames at the model's own size take the channel-split path (16 pixels per step, then a scalar tail).
        { 640, 480, 640, 480, PixelFormat.Bgr24, ColorOrder.Rgb, LetterboxPlacement.TopLeft, PixelScale.UnitRange },
        { 640, 480, 640, 480, PixelFormat.Bgr24, ColorOrder.Bgr, LetterboxPlacement.TopLeft, PixelScale.ByteRange },
        { 333, 250, 333, 333, PixelFormat.Rgb24, ColorOrder.Rgb, LetterboxPlacement.Centre, PixelScale.UnitRange },
        { 7, 5, 7, 5, PixelFormat.Rgb24, ColorOrder.Bgr, LetterboxPlacement.TopLeft, PixelScale.ByteRange },          // tail only
    };

    [Theory]
    [MemberData(nameof(OddGeometries))]
    public void Every_kernel_matches_the_reference_on_odd_geometries(
        int width, int height, int modelWidth, int modelHeight, PixelFormat format, ColorOrder color, LetterboxPlacement letterbox, PixelScale scale)
    {
        foreach (var kernel in Enum.GetValues<PreprocessKernel>())
        {
            MatchesReference(width, height, modelWidth, modelHeight, format, color, letterbox, scale, kernel);
        }
    }

    [Fact]
    public void Vector_kernels_give_the_scalar_tensor_within_float_rounding()
    {
        using var frame = Frame.Allocate(640, 480, PixelFormat.Bgr24);
        new Random(9).NextBytes(frame.Pixels);
        var spec = Spec(width: 384, height: 384, scale: PixelScale.UnitRange, letterbox: LetterboxPlacement.Centre, mean: [0.485f, 0.456f, 0.406f], std: [0.229f, 0.224f, 0.225f]);
        var scalar = new float[3 * 384 * 384];
        Assert.True(new LetterboxPreprocessor(spec, scalar, PreprocessKernel.Scalar).TryPrepare(frame, out _));
        foreach (var kernel in new[] { PreprocessKernel.Best, PreprocessKernel.Portable })
        {
            var tensor = new float[scalar.Length];
            var pre = new LetterboxPreprocessor(spec, tensor, kernel);

            // Twice: the second frame reuses the tables and the padding written by the first.
            Assert.True(pre.TryPrepare(frame, out _));
            Assert.True(pre.TryPrepare(frame, out _));

            float worst = 0;
            for (int i = 0; i < tensor.Length; i++)
            {
                worst = MathF.Max(worst, MathF.Abs(tensor[i] - scalar[i]));
            }

            Assert.True(worst < 1e-4f, $"{kernel}: largest difference from the scalar kernel: {worst}");
        }
    }

    private static void MatchesReference(
        int width, int height, int modelWidth, int modelHeight, PixelFormat format, ColorOrder color, LetterboxPlacement letterbox,
        PixelScale scale, PreprocessKernel kernel)
    {
        var frame = Frame.Allocate(width, height, format);
        new Random(width + height).NextBytes(frame.Pixels);
        float[] mean = scale == PixelScale.UnitRange ? [0.485f, 0.456f, 0.406f] : [10, 20, 30];
        float[] std = scale == PixelScale.UnitRange ? [0.229f, 0.224f, 0.225f] : [58, 57, 2];
        double unit = scale == PixelScale.UnitRange ? 255.0 : 1.0;
        var spec = Spec(width: modelWidth, height: modelHeight, color: color, scale: scale, letterbox: letterbox, mean: mean, std: std);
        var tensor = new float[3 * modelWidth * modelHeight];
        var pre = new LetterboxPreprocessor(spec, tensor, kernel);

        Assert.True(pre.TryPrepare(frame, out _));

        int bpp = format == PixelFormat.Gray8 ? 1 : 3;
        double ratio = width / (double)pre.ContentWidth;
        double ratioY = height / (double)pre.ContentHeight;
        var pixels = frame.Pixels.ToArray();
        double Sample(int x, int y, int channel) => pixels[(((y * width) + x) * bpp) + (bpp == 1 ? 0 : channel)];
        int SourceChannel(int plane)
        {
            int rgb = color == ColorOrder.Rgb ? plane : 2 - plane;      // which of R, G, B the plane holds
            return format == PixelFormat.Bgr24 ? 2 - rgb : rgb;          // where that colour sits in the pixel
        }

        double worst = 0;
        int plane = modelWidth * modelHeight;
        for (int y = 0; y < pre.ContentHeight; y++)
        {
            double sy = Math.Max(0, ((y + 0.5) * ratioY) - 0.5);
            int y0 = Math.Min((int)sy, height - 1), y1 = Math.Min(y0 + 1, height - 1);
            double fy = y1 == y0 ? 0 : sy - y0;
            for (int x = 0; x < pre.ContentWidth; x++)
            {
                double sx = Math.Max(0, ((x + 0.5) * ratio) - 0.5);
                int x0 = Math.Min((int)sx, width - 1), x1 = Math.Min(x0 + 1, width - 1);
                double fx = x1 == x0 ? 0 : sx - x0;
                for (int c = 0; c < 3; c++)
                {
                    int k = SourceChannel(c);
                    double top = Sample(x0, y0, k) + ((Sample(x1, y0, k) - Sample(x0, y0, k)) * fx);
                    double bottom = Sample(x0, y1, k) + ((Sample(x1, y1, k) - Sample(x0, y1, k)) * fx);
                    double expected = (((top + ((bottom - top) * fy)) / unit) - mean[c]) / std[c];
                    double actual = tensor[(c * plane) + ((y + pre.PadY) * modelWidth) + x + pre.PadX];

                    // In grey levels, so 0–1 and 0–255 models are held to the same bar.
                    worst = Math.Max(worst, Math.Abs(actual - expected) * std[c] * unit);
                }
            }
        }

        // Float sample positions and weights against this double reference: well under 0.1 of a grey level
        // (the content size is rounded, so the float ratio differs from the reference's in the last bits).
        Assert.True(worst < 0.05, $"{kernel} {width}x{height}→{modelWidth}x{modelHeight}: largest difference from the reference: {worst} grey levels");

        // Padding: everything outside the content, in every plane, is the normalised pad value.
        for (int c = 0; c < 3; c++)
        {
            float pad = (float)(((114 / unit) - mean[c]) / std[c]);
            for (int y = 0; y < modelHeight; y++)
            {
                for (int x = 0; x < modelWidth; x++)
                {
                    bool content = y >= pre.PadY && y < pre.PadY + pre.ContentHeight && x >= pre.PadX && x < pre.PadX + pre.ContentWidth;
                    if (!content)
                    {
                        Assert.Equal(pad, tensor[(c * plane) + (y * modelWidth) + x], 3);
                    }
                }
            }
        }

        frame.Dispose();
    }
}
