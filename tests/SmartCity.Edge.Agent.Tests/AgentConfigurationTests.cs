using Xunit;
using SmartCity.Edge.Agent.Commands;
using SmartCity.Edge.Agent.Configuration;
using SmartCity.Edge.Detection;

namespace SmartCity.Edge.Agent.Tests;

public sealed class AgentConfigurationTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("smartcity-config-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string json)
    {
        string path = Path.Combine(_dir, "device.json");
        File.WriteAllText(path, json);
        return path;
    }

    private static AgentConfiguration Load(string path) =>
        AgentConfigurationLoader.Load(path, RunCommand.CreateSourceFactory(() => new SyntheticSourceSettings()));

    [Fact]
    public void The_shipped_demo_configuration_loads()
    {
        string path = Path.Combine(RepositoryRoot(), "firmware-configs", "devices", "demo-intersection.json");
        var config = Load(path);
        Assert.Equal("demo-edge-01", config.Device.Id);
        Assert.Equal("synthetic", config.Source.Type);
        Assert.Equal(TimeSpan.FromSeconds(3), config.Motion.RefreshInterval);
    }

    [Theory]
    [InlineData("""{ "source": { "type": "webcam" } }""", "Source:Type")]
    [InlineData("""{ "source": { "type": "folder", "path": "/no/such/folder" } }""", "Source:Path")]
    [InlineData("""{ "motion": { "pixelThreshold": -3 } }""", "Motion:PixelThreshold")]
    [InlineData("""{ "detector": { "scoreThreshold": -0.1 } }""", "Detector:ScoreThreshold")]
    [InlineData("""{ "detector": { "classThresholds": { "bus": 1.5 } } }""", "Detector:ClassThresholds:bus")]
    [InlineData("""{ "detector": { "intraOpThreads": 0 } }""", "Detector:IntraOpThreads")]
    [InlineData("""{ "detector": { "detailRegion": { "x": 0, "y": 0, "width": 16, "height": 100 } } }""", "Detector:DetailRegion")]
    [InlineData("""{ "source": { "type": "synthetic", "width": 640, "height": 480 }, "detector": { "detailRegion": { "x": 400, "y": 0, "width": 320, "height": 240 } } }""", "beyond the 640×480 frame")]
    [InlineData("""{ "detector": { "detailMaxHeight": 0 } }""", "Detector:DetailMaxHeight")]
    [InlineData("""{ "synthetic": { "scenario": "moon-base" } }""", "Synthetic:Scenario")]
    [InlineData("""{ "device": { "id": "Bad Id!" } }""", "Device:Id")]
    [InlineData("""{ "detecter": { } }""", "detecter")]
    [InlineData("""{ "source": { "type": "synthetic", "colour": "red" } }""", "colour")]
    [InlineData("""{ "source": """, "device.json")]
    public void Bad_configuration_is_refused_naming_the_file_and_key(string json, string key)
    {
        string path = Write(json);
        var ex = Assert.Throws<AgentConfigurationException>(() => Load(path));
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains(key, ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_detail_region_is_read_from_the_detector_section()
    {
        string path = Write("""{ "detector": { "detailRegion": { "x": 160, "y": 0, "width": 320, "height": 240 }, "detailMaxHeight": 14 } }""");
        var config = Load(path);
        Assert.Equal(new DetailRegion(160, 0, 320, 240), config.Detector.DetailRegion);
        Assert.Equal(14f, config.Detector.DetailMaxHeight);
    }

    [Fact]
    public void A_missing_file_is_refused_naming_it()
    {
        string path = Path.Combine(_dir, "absent.json");
        var ex = Assert.Throws<AgentConfigurationException>(() => Load(path));
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SmartCity.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (SmartCity.sln) was not found above " + AppContext.BaseDirectory);
    }
}
