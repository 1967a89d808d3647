using System.Text.Json;
using SmartCity.Edge.Agent.Commands;
using Xunit;

namespace SmartCity.Edge.Agent.Tests;

[Collection(CliCollection.Name)]
public sealed class DetectCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("smartcity-detect-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Exit, string Out, string Error) Run(params string[] args)
    {
        using var console = new ConsoleCapture();
        int exit = DetectCommand.Create().Parse(args).Invoke();
        return (exit, console.Out, console.Error);
    }

    [Fact]
    public void Json_output_has_one_object_per_image_with_boxes_in_image_pixels_and_bad_images_are_reported_not_fatal()
    {
        string realData = TestData.RealData ?? (TestData.InCi
            ? throw new InvalidOperationException("CI=true but ../shared/real-data is missing")
            : "");
        if (realData.Length == 0)
        {
            return; // A user's fresh clone without the shared data: nothing to detect on.
        }

        string frame = Path.Combine(realData, "images", "opendatacam", "opendatacam_frame_016.jpg");
        string corrupt = Path.Combine(_dir, "corrupt.jpg");
        byte[] jpeg = File.ReadAllBytes(frame);
        File.WriteAllBytes(corrupt, jpeg.AsSpan(0, 200).ToArray());
        string empty = Path.Combine(_dir, "empty.jpg");
        File.WriteAllBytes(empty, []);

        var (exit, output, error) = Run("--model", Path.Combine(TestData.RepositoryRoot, "models", "yolox-nano-coco"), "--json", corrupt, frame, empty);

        Assert.Equal(CliErrors.Failed, exit);
        Assert.Contains("corrupt.jpg", error, StringComparison.Ordinal);
        Assert.Contains("empty.jpg", error, StringComparison.Ordinal);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines);
        using var doc = JsonDocument.Parse(line);
        var root = doc.RootElement;
        Assert.Equal(frame, root.GetProperty("image").GetString());
        Assert.True(root.GetProperty("ms").GetDouble() > 0);
        var detections = root.GetProperty("detections");
        Assert.True(detections.GetArrayLength() >= 3, $"expected several road users on a busy real street, got {detections.GetArrayLength()}");
        foreach (var d in detections.EnumerateArray())
        {
            Assert.False(string.IsNullOrEmpty(d.GetProperty("class").GetString()));
            double score = d.GetProperty("score").GetDouble();
            Assert.InRange(score, 0.0, 1.0);
            var box = d.GetProperty("box").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            Assert.Equal(4, box.Length);
            Assert.True(box[0] >= 0 && box[1] >= 0 && box[2] <= 640 && box[3] <= 360 && box[2] > box[0] && box[3] > box[1], string.Join(",", box));
        }
    }

    [Fact]
    public void A_bad_model_folder_is_refused_with_exit_code_2_naming_it()
    {
        var (exit, _, error) = Run("--model", _dir, Path.Combine(_dir, "x.jpg"));
        Assert.Equal(CliErrors.BadInput, exit);
        Assert.Contains(_dir, error, StringComparison.Ordinal);
    }
}
