using SmartCity.Edge.Vision.Frames;
using SmartCity.Edge.Vision.Sources;
using SmartCity.Edge.Vision.Tests.Doubles;
using Xunit;

namespace SmartCity.Edge.Vision.Tests.Sources;

public class FrameSourceOptionsTests
{
    [Theory]
    [InlineData("webcam", "Source:Type")]
    [InlineData("folder", "Source:Path")]
    [InlineData("ffmpeg", "Source:Path")]
    public void Bad_configuration_is_refused_naming_the_key(string type, string key)
    {
        var options = new FrameSourceOptions { Type = type };

        var error = Assert.Throws<ArgumentException>(() => options.Validate());

        Assert.StartsWith(key + ":", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unreadable_paths_are_refused_naming_them()
    {
        var folder = new FrameSourceOptions { Type = "folder", Path = "/no/such/folder" };
        var video = new FrameSourceOptions { Type = "ffmpeg", Path = "/no/such/video.mp4" };

        Assert.Contains("'/no/such/folder' does not exist", Assert.Throws<ArgumentException>(() => folder.Validate()).Message, StringComparison.Ordinal);
        Assert.StartsWith("Source:Path: video file '/no/such/video.mp4' cannot be read", Assert.Throws<ArgumentException>(() => video.Validate()).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1, 480, 0, "Source:Width")]
    [InlineData(640, -480, 0, "Source:Height")]
    [InlineData(640, 0, 0, "Source:Height")]
    [InlineData(0, 0, -5, "Source:Fps")]
    public void Negative_sizes_and_rates_are_refused(int width, int height, double fps, string key)
    {
        var options = new FrameSourceOptions { Type = "v4l2", Width = width, Height = height, Fps = fps };

        Assert.StartsWith(key + ":", Assert.Throws<ArgumentException>(() => options.Validate()).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("v4l2", "Device", "/dev/sda", "Source:Device")]
    [InlineData("v4l2", "CaptureFormat", "H264", "Source:CaptureFormat")]
    [InlineData("libcamera", "Device", "front", "Source:Device")]
    [InlineData("ffmpeg", "Url", "not a url", "Source:Url")]
    public void Device_and_url_values_are_checked(string type, string key, string value, string expected)
    {
        var options = new FrameSourceOptions { Type = type };
        typeof(FrameSourceOptions).GetProperty(key)!.SetValue(options, value);

        Assert.StartsWith(expected + ":", Assert.Throws<ArgumentException>(() => options.Validate()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ffmpeg_needs_exactly_one_of_path_and_url()
    {
        using var folder = new TempFolder();
        File.WriteAllBytes(folder.File("v.mp4"), [0]);
        var both = new FrameSourceOptions { Type = "ffmpeg", Path = folder.File("v.mp4"), Url = "rtsp://cam/s" };

        Assert.Contains("exactly one of Path", Assert.Throws<ArgumentException>(() => both.Validate()).Message, StringComparison.Ordinal);
        both.Url = null;
        both.Validate();
    }

    [Fact]
    public void Registered_types_are_accepted_and_built_by_the_factory()
    {
        var pool = new FramePool(4, 4);
        var factory = new FrameSourceFactory().Register("synthetic", (_, p) => new CountingFrameSource(p, limit: 1));
        var options = new FrameSourceOptions { Type = "Synthetic" };

        Assert.Throws<ArgumentException>(() => options.Validate());
        factory.Validate(options);
        Assert.IsType<CountingFrameSource>(factory.Create(options, pool));
        Assert.Contains("synthetic", factory.Types);
        Assert.Throws<ArgumentException>(() => factory.Register("ffmpeg", (_, p) => new CountingFrameSource(p)));
    }

    [Fact]
    public void Factory_builds_each_built_in_type()
    {
        using var folder = new TempFolder();
        File.WriteAllBytes(folder.File("v.mp4"), [0]);
        var factory = new FrameSourceFactory();
        var pool = new FramePool(8, 8);

        Assert.IsType<ImageFolderSource>(factory.Create(new FrameSourceOptions { Type = "folder", Path = folder.Path }, pool));
        Assert.IsType<FfmpegSource>(factory.Create(new FrameSourceOptions { Type = "ffmpeg", Path = folder.File("v.mp4") }, pool));
        Assert.IsType<V4l2CameraSource>(factory.Create(new FrameSourceOptions { Type = "v4l2", Device = "/dev/video1" }, pool));
        Assert.IsType<LibcameraSource>(factory.Create(new FrameSourceOptions { Type = "libcamera" }, pool));
        Assert.Throws<ArgumentException>(() => factory.Create(new FrameSourceOptions { Type = "folder" }, pool));
    }
}
