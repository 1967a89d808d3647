using SmartCity.Edge.Vision.Frames;
using SmartCity.Edge.Vision.Sources;
using SmartCity.Edge.Vision.Tests.Doubles;
using Xunit;

namespace SmartCity.Edge.Vision.Tests.Sources;

/// <summary><see cref="LibcameraSource"/> on recorded MJPEG bytes instead of rpicam-vid.</summary>
public class LibcameraSourceRecordedTests
{
    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(101)]
    public async Task Cuts_decodes_and_skips_broken_images_then_reports_the_app_stopping(int bytesPerRead)
    {
        byte[] red = TestImages.Encode(32, 24, 255, 0, 0);
        byte[] blue = TestImages.Encode(32, 24, 0, 0, 255);
        byte[] stream = [.. red, .. blue.AsSpan(0, blue.Length / 2), .. blue, .. red.AsSpan(0, 40)];
        var pool = new FramePool(32, 24);
        var options = new FrameSourceOptions { Type = "libcamera", Width = 32, Height = 24 };
        await using var source = new LibcameraSource(options, pool, launch: () => new RecordedVideoProcess(stream, 0, bytesPerRead));

        using (Frame? first = await source.ReadAsync(CancellationToken.None))
        {
            Assert.Equal((32, 24, 0L), (first!.Width, first.Height, first.Sequence));
            Assert.True(first.Pixels[2] > 240 && first.Pixels[0] < 15, "red");
        }

        using (Frame? second = await source.ReadAsync(CancellationToken.None))
        {
            Assert.Equal(1, second!.Sequence);
            Assert.True(second.Pixels[0] > 240 && second.Pixels[2] < 15, "blue");
        }

        var error = await Assert.ThrowsAsync<FrameSourceException>(() => source.ReadAsync(CancellationToken.None).AsTask());
        Assert.Contains("libcamera:0", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, source.CorruptFrames);
        Assert.True(pool.Created <= 2);
    }

    [Fact]
    public void Arguments_ask_for_endless_mjpeg_to_stdout_at_the_configured_size()
    {
        var options = new FrameSourceOptions { Type = "libcamera", Width = 1280, Height = 720, Fps = 15, Device = "1", MjpegQuality = 70 };

        string line = string.Join(' ', LibcameraVidProcess.Arguments(options));

        Assert.Contains("--codec mjpeg", line, StringComparison.Ordinal);
        Assert.Contains("1280", line, StringComparison.Ordinal);
        Assert.Contains("720", line, StringComparison.Ordinal);
        Assert.Contains("15", line, StringComparison.Ordinal);
        Assert.Contains("--output -", line, StringComparison.Ordinal);
        Assert.Contains("--timeout 0", line, StringComparison.Ordinal);
        Assert.Contains("--camera 1", line, StringComparison.Ordinal);
    }
}
