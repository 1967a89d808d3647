using System.Diagnostics;
using SmartCity.Edge.Simulation.Output;
using SmartCity.Edge.Simulation.Scenarios;

namespace SmartCity.Edge.Simulation.Tests;

public sealed class ScenarioVideoWriterTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sim-video-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Writes_an_mp4_that_ffprobe_reads_and_a_ground_truth_csv_beside_it()
    {
        var scene = new SyntheticTrafficScene(SceneTestKit.Short(ScenarioCatalog.Light, 10), null);
        string video = Path.Combine(_folder, "light.mp4");
        long written = await new ScenarioVideoWriter().WriteAsync(scene, video, maxFrames: 30);
        Assert.Equal(30, written);
        Assert.True(new FileInfo(video).Length > 1000);

        string probe = Run("ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0",
            "-show_entries", "stream=width,height,nb_read_frames,codec_name", "-of", "csv=p=0", video);
        Assert.Equal("h264,640,480,30", probe.Trim());

        string[] lines = await File.ReadAllLinesAsync(Path.ChangeExtension(video, ".csv"));
        Assert.Equal("frame,object_id,class,x1,y1,x2,y2,visibility,entry,exit", lines[0]);
        Assert.True(lines.Length > 30);
        string[] first = lines[1].Split(',');
        Assert.Equal(10, first.Length);
        Assert.Contains(first[8], new[] { "north", "east", "south", "west" });
        Assert.Equal("29", lines[^1].Split(',')[0]);
    }

    [Fact]
    public async Task Mpeg4_is_available_as_an_alternative_codec()
    {
        var scene = new SyntheticTrafficScene(SceneTestKit.Short(ScenarioCatalog.Static, 1), null);
        string video = Path.Combine(_folder, "static.mp4");
        Assert.Equal(10, await new ScenarioVideoWriter(codec: "mpeg4").WriteAsync(scene, video));
        Assert.Equal("mpeg4,10", Run("ffprobe", "-v", "error", "-count_frames", "-show_entries", "stream=codec_name,nb_read_frames", "-of", "csv=p=0", video).Trim());
    }

    [Fact]
    public async Task A_missing_ffmpeg_gives_a_clear_error()
    {
        var scene = new SyntheticTrafficScene(SceneTestKit.Short(ScenarioCatalog.Static, 1), null);
        var writer = new ScenarioVideoWriter(ffmpegPath: Path.Combine(_folder, "no-such-ffmpeg"));
        VideoEncodingException ex = await Assert.ThrowsAsync<VideoEncodingException>(() => writer.WriteAsync(scene, Path.Combine(_folder, "x.mp4")));
        Assert.Contains("no-such-ffmpeg", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_ffmpeg_failure_carries_its_error_output()
    {
        var scene = new SyntheticTrafficScene(SceneTestKit.Short(ScenarioCatalog.Static, 1), null);

        // A folder where the output file should be: ffmpeg starts, reads input, then fails to open the output.
        string video = Path.Combine(_folder, "taken.mp4");
        Directory.CreateDirectory(video);
        VideoEncodingException ex = await Assert.ThrowsAsync<VideoEncodingException>(() => new ScenarioVideoWriter().WriteAsync(scene, video));
        Assert.Contains("taken.mp4", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ffmpeg", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("(no error output)", ex.Message, StringComparison.Ordinal);
    }

    private static string Run(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args)
        {
            info.ArgumentList.Add(a);
        }

        using Process p = Process.Start(info)!;
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
        return output;
    }
}
