using SmartCity.Edge.Vision.Frames;
using SmartCity.Edge.Vision.Sources;
using SmartCity.Edge.Vision.Tests.Doubles;
using Xunit;

namespace SmartCity.Edge.Vision.Tests.Sources;

/// <summary>Buffer handling of <see cref="V4l2CameraSource"/> on recorded/synthesised capture buffers.</summary>
public class V4l2FrameConverterTests
{
    [Fact]
    public void Yuyv_buffer_with_known_colours_becomes_bgr()
    {
        // Left half red, right half blue (BT.601 limited range), 4x2 pixels.
        byte[] yuyv = [81, 90, 81, 240, 41, 240, 41, 110, 81, 90, 81, 240, 41, 240, 41, 110];
        var pool = new FramePool(4, 2);

        Assert.True(V4l2FrameConverter.TryConvert(yuyv, V4l2CaptureFormat.Yuyv, 4, 2, pool, out Frame? frame, out string? error));
        using (frame)
        {
            Assert.Null(error);
            byte[] pixels = frame!.Pixels.ToArray();
            for (int row = 0; row < 2; row++)
            {
                int o = row * 12;
                Assert.True(pixels[o + 2] > 250 && pixels[o] < 5, "left pixel is red");
                Assert.True(pixels[o + 9] > 250 && pixels[o + 11] < 5, "right pixel is blue");
            }
        }
    }

    [Fact]
    public void Padding_after_a_yuyv_image_is_ignored()
    {
        byte[] yuyv = new byte[(4 * 2 * 2) + 100];
        Array.Fill(yuyv, (byte)128);

        Assert.True(V4l2FrameConverter.TryConvert(yuyv, V4l2CaptureFormat.Yuyv, 4, 2, new FramePool(4, 2), out Frame? frame, out _));
        frame!.Dispose();
    }

    [Fact]
    public void Truncated_yuyv_buffer_is_refused_with_a_reason_and_rents_nothing()
    {
        var pool = new FramePool(640, 480);

        Assert.False(V4l2FrameConverter.TryConvert(new byte[1000], V4l2CaptureFormat.Yuyv, 640, 480, pool, out Frame? frame, out string? error));

        Assert.Null(frame);
        Assert.Contains("truncated YUYV buffer: 1000 of 614400 bytes", error, StringComparison.Ordinal);
        Assert.Equal(0, pool.Created);
    }

    [Fact]
    public void Mjpeg_buffer_with_driver_padding_decodes()
    {
        byte[] jpeg = TestImages.Encode(16, 8, 0, 255, 0);
        byte[] buffer = new byte[jpeg.Length + 4096];
        jpeg.CopyTo(buffer, 0);

        Assert.True(V4l2FrameConverter.TryConvert(buffer, V4l2CaptureFormat.Mjpeg, 16, 8, new FramePool(16, 8), out Frame? frame, out string? error), error);
        using (frame)
        {
            Assert.Equal((16, 8), (frame!.Width, frame.Height));
            Assert.InRange(frame.Pixels[1], 240, 255);
            Assert.InRange(frame.Pixels[2], 0, 15);
        }
    }

    [Fact]
    public void Truncated_mjpeg_buffer_is_refused()
    {
        byte[] jpeg = TestImages.Encode(64, 64, 0, 255, 0);

        Assert.False(V4l2FrameConverter.TryConvert(jpeg.AsSpan(0, jpeg.Length / 3), V4l2CaptureFormat.Mjpeg, 64, 64, new FramePool(64, 64), out _, out string? error));
        Assert.NotNull(error);
    }

    [Fact]
    public void Device_paths_parse()
    {
        Assert.True(V4l2DevicePath.TryParse("/dev/video2", out int bus));
        Assert.Equal(2, bus);
        Assert.True(V4l2DevicePath.TryParse(null, out bus));
        Assert.Equal(0, bus);
        Assert.False(V4l2DevicePath.TryParse("/dev/sda", out _));
        Assert.Equal("/dev/video3", V4l2DevicePath.Format(3));
    }
}
