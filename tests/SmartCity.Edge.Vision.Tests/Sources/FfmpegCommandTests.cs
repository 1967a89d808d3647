using SmartCity.Edge.Vision.Sources;
using Xunit;

namespace SmartCity.Edge.Vision.Tests.Sources;

public class FfmpegCommandTests
{
    [Fact]
    public void Rtsp_stream_uses_tcp_and_writes_bgr24_to_stdout()
    {
        var options = new FrameSourceOptions { Type = "ffmpeg", Url = "rtsp://cam1/stream", Loop = true, RealTime = true };

        IReadOnlyList<string> args = FfmpegCommand.Decode(options, 640, 360, scale: true);

        int transport = IndexOf(args, "-rtsp_transport");
        Assert.True(transport >= 0 && transport < IndexOf(args, "-i"));
        Assert.Equal("tcp", args[transport + 1]);
        Assert.Equal("rtsp://cam1/stream", args[IndexOf(args, "-i") + 1]);
        Assert.DoesNotContain("-re", args);
        Assert.DoesNotContain("-stream_loop", args);
        Assert.Equal("scale=640:360", args[IndexOf(args, "-vf") + 1]);
        Assert.Equal(["-f", "rawvideo", "-pix_fmt", "bgr24", "-"], args.TakeLast(5));
    }

    [Fact]
    public void File_in_real_time_with_loop_and_fps()
    {
        var options = new FrameSourceOptions { Type = "ffmpeg", Path = "/v/a.mp4", Loop = true, RealTime = true, Fps = 5 };

        IReadOnlyList<string> args = FfmpegCommand.Decode(options, 160, 120, scale: false);

        Assert.True(IndexOf(args, "-re") < IndexOf(args, "-i"));
        Assert.Equal("-1", args[IndexOf(args, "-stream_loop") + 1]);
        Assert.Equal("fps=5", args[IndexOf(args, "-vf") + 1]);
        Assert.DoesNotContain("-rtsp_transport", args);
    }

    [Fact]
    public void File_without_options_has_no_filter()
    {
        var options = new FrameSourceOptions { Type = "ffmpeg", Path = "/v/a.mp4" };

        IReadOnlyList<string> args = FfmpegCommand.Decode(options, 160, 120, scale: false);

        Assert.DoesNotContain("-vf", args);
        Assert.DoesNotContain("-re", args);
    }

    [Fact]
    public void Probe_asks_for_size_and_rate_of_first_video_stream()
    {
        var options = new FrameSourceOptions { Type = "ffmpeg", Url = "rtsp://cam1/s" };

        IReadOnlyList<string> args = FfmpegCommand.Probe(options);

        Assert.Equal("stream=width,height,r_frame_rate", args[IndexOf(args, "-show_entries") + 1]);
        Assert.Equal("v:0", args[IndexOf(args, "-select_streams") + 1]);
        Assert.Equal("rtsp://cam1/s", args[^1]);
    }

    [Theory]
    [InlineData("160,120,10/1\n", 160, 120, 10.0)]
    [InlineData("1920,1080,30000/1001", 1920, 1080, 29.97)]
    [InlineData("640,480,0/0", 640, 480, 0.0)]
    [InlineData("640,480", 640, 480, 0.0)]
    public void Parses_probe_output(string output, int width, int height, double fps)
    {
        Assert.True(FfmpegCommand.TryParseProbe(output, out int w, out int h, out double f, out string? error));
        Assert.Null(error);
        Assert.Equal((width, height), (w, h));
        Assert.Equal(fps, f, 2);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0,0,25/1")]
    [InlineData("N/A,N/A,N/A")]
    [InlineData("garbage")]
    public void Refuses_probe_output_without_a_size(string output)
    {
        Assert.False(FfmpegCommand.TryParseProbe(output, out _, out _, out _, out string? error));
        Assert.Contains("video size", error, StringComparison.Ordinal);
    }

    private static int IndexOf(IReadOnlyList<string> args, string value)
    {
        for (int i = 0; i < args.Count; i++)
        {
            if (args[i] == value)
            {
                return i;
            }
        }

        return -1;
    }
}
