using System.Collections.Concurrent;
using System.Diagnostics;
using SmartCity.Edge.Vision.Frames;
using SmartCity.Edge.Vision.Sources;
using SmartCity.Edge.Vision.Tests.Doubles;
using Xunit;

namespace SmartCity.Edge.Vision.Tests.Sources;

/// <summary>
/// <see cref="FfmpegSource"/> against Debian's real ffmpeg/ffprobe (a build requirement of this project, like the
/// SDK): videos are generated from ffmpeg's lavfi test sources into a temporary folder.
/// </summary>
public sealed class FfmpegSourceEndToEndTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Reads_every_frame_of_a_generated_video_with_probed_size_and_rate()
    {
        string video = Generate("testsrc=size=160x120:rate=10", seconds: 2);
        var options = new FrameSourceOptions { Type = "ffmpeg", Path = video };
        options.Validate();
        var pool = new FramePool(160, 120);
        await using var source = new FfmpegSource(options, pool);

        int count = 0;
        double spread = 0;
        while (await source.ReadAsync(CancellationToken.None) is { } frame)
        {
            using (frame)
            {
                Assert.Equal((160, 120, PixelFormat.Bgr24), (frame.Width, frame.Height, frame.Format));
                spread = Math.Max(spread, Spread(frame.Pixels));
                count++;
            }
        }

        Assert.Equal(20, count);
        Assert.Equal(10, source.NominalFps, 3);
        Assert.True(spread > 150, $"testsrc has colour bars; pixel spread only {spread}");
        Assert.Equal(0, source.CorruptFrames);
        Assert.True(pool.Created <= 2);
    }

    [Fact]
    public async Task Scales_to_the_configured_size_and_keeps_colours()
    {
        string video = Generate("color=c=0x3366CC:size=160x120:rate=10", seconds: 1);
        var options = new FrameSourceOptions { Type = "ffmpeg", Path = video, Width = 80, Height = 60 };
        await using var source = new FfmpegSource(options, new FramePool(80, 60));

        using Frame? frame = await source.ReadAsync(CancellationToken.None);

        Assert.Equal((80, 60), (frame!.Width, frame.Height));
        int centre = ((30 * 80) + 40) * 3;
        Assert.InRange(frame.Pixels[centre], 0xCC - 6, 0xCC + 6); // blue
        Assert.InRange(frame.Pixels[centre + 1], 0x66 - 6, 0x66 + 6); // green
        Assert.InRange(frame.Pixels[centre + 2], 0x33 - 6, 0x33 + 6); // red
    }

    [Fact]
    public async Task File_that_ffmpeg_cannot_decode_fails_with_its_stderr()
    {
        string broken = _folder.File("broken.mp4");
        File.WriteAllBytes(broken, [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 7))]);
        var options = new FrameSourceOptions { Type = "ffmpeg", Path = broken, Width = 32, Height = 32 };
        await using var source = new FfmpegSource(options, new FramePool(32, 32));

        var error = await Assert.ThrowsAsync<FrameSourceException>(() => source.ReadAsync(CancellationToken.None).AsTask());

        Assert.Contains("ffmpeg:" + broken, error.Message, StringComparison.Ordinal);
        Assert.Contains("exited with code", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("(no stderr output)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Killing_ffmpeg_mid_stream_is_reported_and_the_supervisor_restarts_it()
    {
        string video = Generate("testsrc=size=64x48:rate=25", seconds: 20);
        var options = new FrameSourceOptions { Type = "ffmpeg", Path = video, RealTime = true, Width = 64, Height = 48 };
        var pool = new FramePool(64, 48);
        var processes = new ConcurrentQueue<RawVideoProcess>();
        var supervisorOptions = new SupervisedFrameSourceOptions
        {
            InitialBackoff = TimeSpan.FromMilliseconds(50),
            MaxBackoff = TimeSpan.FromMilliseconds(200),
            BackoffJitter = 0,
        };
        await using var supervisor = new SupervisedFrameSource("ffmpeg-test", () => new FfmpegSource(options, pool, launch: (file, args) =>
        {
            RawVideoProcess process = RawVideoProcess.Start(file, args);
            processes.Enqueue(process);
            return process;
        }), supervisorOptions);
        supervisor.Start();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        for (int i = 0; i < 5; i++)
        {
            (await supervisor.Frames.ReadAsync(timeout.Token)).Dispose();
        }

        Assert.True(processes.TryPeek(out RawVideoProcess? first));
        using (Process victim = Process.GetProcessById(first.ProcessId))
        {
            victim.Kill();
        }

        while (supervisor.Health.Restarts == 0)
        {
            await Task.Delay(10, timeout.Token);
        }

        for (int i = 0; i < 5; i++)
        {
            (await supervisor.Frames.ReadAsync(timeout.Token)).Dispose();
        }

        SourceHealth health = supervisor.Health;
        Assert.Equal(1, health.Restarts);
        Assert.Equal(SourceState.Running, health.State);
        Assert.Contains("exited with code", health.LastError, StringComparison.Ordinal);
        Assert.Equal(2, processes.Count);
    }

    private string Generate(string lavfi, int seconds)
    {
        string path = _folder.File(Guid.NewGuid().ToString("N") + ".mkv");
        var info = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in new[] { "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", lavfi, "-t", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture), "-c:v", "ffv1", path })
        {
            info.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(info)!;
        string errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, "ffmpeg could not generate the test video: " + errors);
        return path;
    }

    private static double Spread(ReadOnlySpan<byte> pixels)
    {
        byte min = 255, max = 0;
        foreach (byte b in pixels)
        {
            min = Math.Min(min, b);
            max = Math.Max(max, b);
        }

        return max - min;
    }
}
