using Xunit;
using SkiaSharp;
using SmartCity.Edge.Agent.Commands;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Agent.Tests.Field;

/// <summary>snapshot and the privacy blur.</summary>
public sealed class SnapshotTests : IDisposable
{
    private readonly FieldTestFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Blur_destroys_detail_inside_the_box_and_leaves_the_rest_untouched()
    {
        using var frame = Frame.Allocate(200, 120, PixelFormat.Bgr24);
        var pixels = frame.Pixels;
        for (int y = 0; y < 120; y++)
        {
            for (int x = 0; x < 200; x++)
            {
                byte v = (byte)(((x / 2) + (y / 2)) % 2 == 0 ? 255 : 0); // 2-px checkerboard: all detail
                pixels[(y * frame.Stride) + (3 * x)] = v;
                pixels[(y * frame.Stride) + (3 * x) + 1] = v;
                pixels[(y * frame.Stride) + (3 * x) + 2] = v;
            }
        }

        var box = new BoxF(60, 30, 100, 90);
        using var blurred = PrivacyBlur.Apply(frame, [box]);

        double inside = Contrast(blurred, 70, 45, 90, 75);
        double outside = Contrast(blurred, 150, 10, 190, 50);
        Assert.True(inside < 0.1 * outside, $"contrast inside {inside:F1}, outside {outside:F1}");
        for (int y = 0; y < 120; y += 7)
        {
            Assert.Equal(pixels[(y * frame.Stride) + (3 * 190)], blurred.GetPixel(190, y).Red);
            Assert.Equal(pixels[(y * frame.Stride) + (3 * 5)], blurred.GetPixel(5, y).Red);
        }
    }

    [Fact]
    public async Task Snapshot_saves_a_jpeg_locally_and_logs_it()
    {
        string jpeg = Path.Combine(_folder.Path, "snaps", "cal.jpg");
        var output = new StringWriter();

        int code = await SnapshotCommand.RunAsync(_folder.Config(), jpeg, skipFrames: 40, ["pedestrian"], 0.2f, output, CancellationToken.None);

        Assert.True(code == 0, output.ToString());
        using var decoded = SKBitmap.Decode(jpeg);
        Assert.Equal(640, decoded.Width);
        string audit = File.ReadAllText(Path.Combine(_folder.Path, "snaps", "snapshots-audit.log"));
        Assert.Contains("device=field-test-01", audit, StringComparison.Ordinal);
        Assert.Contains("uploaded=no", audit, StringComparison.Ordinal);
        Assert.Contains("not uploaded", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_working_detector_nothing_is_saved()
    {
        string config = _folder.Config().Replace("device.json", "device.json", StringComparison.Ordinal);
        File.WriteAllText(config, File.ReadAllText(config).Replace(TestData.DemoModel.Replace("\\", "/", StringComparison.Ordinal), "/nonexistent/model", StringComparison.Ordinal));
        string jpeg = Path.Combine(_folder.Path, "x.jpg");

        int code = await SnapshotCommand.RunAsync(config, jpeg, 1, ["pedestrian"], 0.2f, new StringWriter(), CancellationToken.None);

        Assert.NotEqual(0, code);
        Assert.False(File.Exists(jpeg));
    }

    private static double Contrast(SKBitmap bitmap, int x1, int y1, int x2, int y2)
    {
        double sum = 0;
        int n = 0;
        for (int y = y1; y < y2; y++)
        {
            for (int x = x1; x < x2 - 1; x++)
            {
                sum += Math.Abs(bitmap.GetPixel(x + 1, y).Red - bitmap.GetPixel(x, y).Red);
                n++;
            }
        }

        return sum / n;
    }
}
