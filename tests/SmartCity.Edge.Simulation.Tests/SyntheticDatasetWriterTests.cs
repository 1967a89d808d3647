using System.Text.Json;
using SmartCity.Edge.Simulation.Output;
using SmartCity.Edge.Simulation.Scenarios;

namespace SmartCity.Edge.Simulation.Tests;

public sealed class SyntheticDatasetWriterTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sim-dataset-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Writes_frames_labels_and_meta_for_several_scenarios()
    {
        var reports = new List<int>();
        DatasetScenario[] scenarios =
        [
            new(ScenarioCatalog.DenseQueue, 21, Frames: 4, FrameStride: 3),
            new(ScenarioCatalog.Night, 22, Frames: 3, FrameStride: 2),
        ];
        int count = await SyntheticDatasetWriter.WriteAsync(_folder, scenarios, new SyncProgress(reports));

        Assert.Equal(7, count);
        Assert.Equal([1, 2, 3, 4, 5, 6, 7], reports);
        Assert.Equal(7L * 640 * 480 * 3, new FileInfo(Path.Combine(_folder, "frames.u8")).Length);

        string[] labels = await File.ReadAllLinesAsync(Path.Combine(_folder, "labels.csv"));
        Assert.Equal("frame,class,x1,y1,x2,y2,visibility", labels[0]);
        var frames = new HashSet<int>();
        foreach (string line in labels.Skip(1))
        {
            string[] f = line.Split(',');
            Assert.Equal(7, f.Length);
            frames.Add(int.Parse(f[0], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Contains(f[1], new[] { "car", "bus", "truck", "motorcycle", "bicycle", "pedestrian" });
        }

        Assert.Equal(7, frames.Count);

        using JsonDocument meta = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(_folder, "meta.json")));
        JsonElement root = meta.RootElement;
        Assert.Equal(640, root.GetProperty("width").GetInt32());
        Assert.Equal(480, root.GetProperty("height").GetInt32());
        Assert.Equal(7, root.GetProperty("count").GetInt32());
        Assert.Equal([21, 22], root.GetProperty("seeds").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal("night", root.GetProperty("scenarios")[1].GetProperty("name").GetString());
        Assert.Equal(4, root.GetProperty("scenarios")[1].GetProperty("first_frame").GetInt32());
    }

    [Fact]
    public async Task The_same_scenario_and_seed_give_the_same_bytes_as_the_scene()
    {
        await SyntheticDatasetWriter.WriteAsync(_folder, [new DatasetScenario(ScenarioCatalog.Light, 5, Frames: 2, FrameStride: 2)]);
        var scene = new SyntheticTrafficScene(ScenarioCatalog.Light, 5, null);
        using var frame = SceneTestKit.NewFrame(scene);
        for (int i = 0; i < 4; i++)
        {
            scene.RenderNext(frame);
        }

        byte[] all = await File.ReadAllBytesAsync(Path.Combine(_folder, "frames.u8"));
        Assert.True(all.AsSpan(frame.Length).SequenceEqual(frame.Pixels));
    }

    [Fact]
    public async Task Scenarios_of_different_sizes_are_refused()
    {
        DatasetScenario[] scenarios = [new(ScenarioCatalog.Light, 1, 1), new(ScenarioCatalog.Road with { Width = 320, Height = 240 }, 1, 1)];
        ArgumentException ex = await Assert.ThrowsAsync<ArgumentException>(() => SyntheticDatasetWriter.WriteAsync(_folder, scenarios));
        Assert.Contains("road", ex.Message, StringComparison.Ordinal);
    }

    private sealed class SyncProgress(List<int> reports) : IProgress<int>
    {
        public void Report(int value) => reports.Add(value);
    }
}
