using SmartCity.Edge.Vision.Frames;
using SmartCity.Edge.Vision.Sources;
using SmartCity.Edge.Vision.Tests.Doubles;
using Xunit;

namespace SmartCity.Edge.Vision.Tests.Sources;

/// <summary>Frame cutting of <see cref="FfmpegSource"/> on recorded raw bytes, without launching ffmpeg.</summary>
public class FfmpegSourceRecordedTests
{
    private const int Width = 8, Height = 4, FrameBytes = Width * Height * 3;

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(7)]
    public async Task Cuts_frames_and_counts_a_truncated_last_frame_as_corrupt(int bytesPerRead)
    {
        byte[] recorded = Recorded(frames: 3, extraBytes: FrameBytes / 2);
        var pool = new FramePool(Width, Height);
        var process = new RecordedVideoProcess(recorded, exitCode: 0, bytesPerRead);
        await using var source = new FfmpegSource(FileOptions(), pool, launch: (_, _) => process);

        for (int i = 0; i < 3; i++)
        {
            using Frame? frame = await source.ReadAsync(CancellationToken.None);
            Assert.NotNull(frame);
            Assert.Equal((Width, Height, PixelFormat.Bgr24), (frame.Width, frame.Height, frame.Format));
            Assert.Equal(i, frame.Sequence);
            Assert.All(frame.Pixels.ToArray(), b => Assert.Equal((byte)(i + 1), b));
        }

        Assert.Null(await source.ReadAsync(CancellationToken.None));
        Assert.Equal(1, source.CorruptFrames);
        Assert.Null(await source.ReadAsync(CancellationToken.None));
        Assert.True(pool.Created <= 2, $"pool created {pool.Created} buffers for 3 frames read one at a time");
    }

    [Fact]
    public async Task File_timestamps_follow_media_time_when_not_real_time()
    {
        var options = FileOptions();
        options.Fps = 10;
        var process = new RecordedVideoProcess(Recorded(frames: 3, extraBytes: 0), exitCode: 0);
        await using var source = new FfmpegSource(options, new FramePool(Width, Height), launch: (_, _) => process);

        using Frame? first = await source.ReadAsync(CancellationToken.None);
        DateTimeOffset t0 = first!.Timestamp;
        using Frame? second = await source.ReadAsync(CancellationToken.None);
        using Frame? third = await source.ReadAsync(CancellationToken.None);

        Assert.Equal(TimeSpan.FromMilliseconds(100), second!.Timestamp - t0);
        Assert.Equal(TimeSpan.FromMilliseconds(200), third!.Timestamp - t0);
    }

    [Fact]
    public async Task Exit_with_error_throws_naming_source_and_stderr_tail()
    {
        var process = new RecordedVideoProcess(Recorded(frames: 1, extraBytes: 0), exitCode: 1, int.MaxValue,
            "first line", "/v/a.mp4: Invalid data found when processing input");
        await using var source = new FfmpegSource(FileOptions(), new FramePool(Width, Height), launch: (_, _) => process);

        using (Frame? frame = await source.ReadAsync(CancellationToken.None))
        {
            Assert.NotNull(frame);
        }

        var error = await Assert.ThrowsAsync<FrameSourceException>(() => source.ReadAsync(CancellationToken.None).AsTask());
        Assert.Contains("ffmpeg:/v/a.mp4", error.Message, StringComparison.Ordinal);
        Assert.Contains("exited with code 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("Invalid data found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Network_stream_that_ends_is_a_failure_not_an_end()
    {
        var options = new FrameSourceOptions { Type = "ffmpeg", Url = "rtsp://cam1/s", Width = Width, Height = Height };
        var process = new RecordedVideoProcess(Recorded(frames: 1, extraBytes: 5), exitCode: 0);
        await using var source = new FfmpegSource(options, new FramePool(Width, Height), launch: (_, _) => process);

        (await source.ReadAsync(CancellationToken.None))!.Dispose();

        var error = await Assert.ThrowsAsync<FrameSourceException>(() => source.ReadAsync(CancellationToken.None).AsTask());
        Assert.Contains("stream ended", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, source.CorruptFrames);
    }

    [Fact]
    public async Task Frames_larger_than_the_pool_are_refused_with_advice()
    {
        var options = FileOptions();
        options.Width = 64;
        options.Height = 64;
        await using var source = new FfmpegSource(options, new FramePool(Width, Height),
            launch: (_, _) => throw new InvalidOperationException("must not start"));

        var error = await Assert.ThrowsAsync<FrameSourceException>(() => source.ReadAsync(CancellationToken.None).AsTask());
        Assert.Contains("Source:Width", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispose_stops_the_process()
    {
        var process = new RecordedVideoProcess(Recorded(frames: 2, extraBytes: 0), exitCode: 0);
        var source = new FfmpegSource(FileOptions(), new FramePool(Width, Height), launch: (_, _) => process);
        (await source.ReadAsync(CancellationToken.None))!.Dispose();

        await source.DisposeAsync();

        Assert.True(process.Disposed);
    }

    private static FrameSourceOptions FileOptions() =>
        new() { Type = "ffmpeg", Path = "/v/a.mp4", Width = Width, Height = Height };

    private static byte[] Recorded(int frames, int extraBytes)
    {
        byte[] bytes = new byte[(frames * FrameBytes) + extraBytes];
        for (int i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)((i / FrameBytes) + 1);
        }

        return bytes;
    }
}
