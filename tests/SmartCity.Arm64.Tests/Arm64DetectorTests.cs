using System.Globalization;
using System.Text.Json;
using SkiaSharp;
using SmartCity.Edge.Detection;
using SmartCity.Edge.Simulation;
using SmartCity.Edge.Simulation.Scenarios;
using SmartCity.Edge.Vision.Frames;
using SmartCity.Edge.Vision.Imaging;
using SmartCity.TestServers;
using Xunit;
using Xunit.Abstractions;

namespace SmartCity.Arm64.Tests;

/// <summary>
/// The int8 demo model finds the same road users on arm64 as on x64. ONNX Runtime runs other integer kernels there
/// (NEON widening multiplies on a Pi 4's Cortex-A72, the dot-product instructions on a Pi 5's Cortex-A76), so the
/// scores and boxes may differ in their last bits, and the count figures measured on x64 would not hold on a Pi if they
/// differed by more. The same PNG frames go through <c>detect --json</c> under qemu as each core and through the same
/// detector in this (x64) process.
/// </summary>
[Trait("Category", "Arm64")]
[Collection(Arm64Collection.Name)]
public sealed class Arm64DetectorTests(Arm64PublishFixture publish, ITestOutputHelper output)
{
    /// <summary>Largest score difference allowed for the same road user (scores are 0–1; <c>detect</c> prints 4 decimals).</summary>
    private const double ScoreTolerance = 0.01;

    /// <summary>Largest difference allowed in any box coordinate, in pixels (<c>detect</c> prints 0.1 px).</summary>
    private const double CoordinateTolerance = 0.5;

    public static TheoryData<string> Cores => ["cortex-a72", "cortex-a76"];

    [QemuTheory]
    [MemberData(nameof(Cores))]
    public void The_int8_model_finds_the_same_road_users_on_arm64_as_on_x64(string core)
    {
        ArmCpu cpu = core == ArmCpu.CortexA72.QemuName ? ArmCpu.CortexA72 : ArmCpu.CortexA76;
        string folder = Path.Combine(publish.Root, "detect-" + core);
        Directory.CreateDirectory(folder);
        string model = Path.Combine(Arm64PublishFixture.RepositoryRoot, "models", "demo-traffic");

        // A dense queue (many small, overlapping cars) and a night frame (low contrast): where rounding matters most.
        (string Name, ScenarioOptions Scenario, int Frame)[] picks =
        [
            ("dense-queue-300.png", ScenarioCatalog.DenseQueue with { Seed = 900001, Duration = null }, 300),
            ("night-200.png", ScenarioCatalog.Night with { Seed = 900004, Duration = null }, 200),
        ];
        var images = new List<string>();
        var expected = new Dictionary<string, List<Found>>();
        using (var detector = ObjectDetector.Load(model, new DetectorOptions { IntraOpThreads = 1 }))
        {
            var list = new DetectionList();
            foreach (var (name, scenario, index) in picks)
            {
                string path = Path.Combine(folder, name);
                File.WriteAllBytes(path, RenderPng(scenario, index));
                images.Add(path);
                var pool = new FramePool(scenario.Width, scenario.Height, maxRetained: 2);
                Assert.True(FrameDecoder.TryDecode(File.ReadAllBytes(path), pool, out Frame? frame, out string? error), error);
                using (frame)
                {
                    Assert.True(detector.TryDetect(frame!, list, out error), error);
                }

                // Rounded as detect --json prints them.
                expected[name] = [.. list.AsSpan().ToArray().Select(d => new Found(
                    detector.Manifest.ClassNames[d.ClassId], Math.Round(d.Score, 4),
                    Math.Round(d.Box.X1, 1), Math.Round(d.Box.Y1, 1), Math.Round(d.Box.X2, 1), Math.Round(d.Box.Y2, 1)))];
            }
        }

        ProcessResult run = Qemu.RunAs(cpu, publish.Result.Binary, folder, Qemu.Timeout, ["detect", "--json", "-m", model, .. images]);
        Assert.True(run.ExitCode == 0, $"detect under qemu -cpu {core}: exit code {run.ExitCode}\n{run.Output}");
        var actual = new Dictionary<string, List<Found>>();
        foreach (string line in run.Output.Split('\n').Where(l => l.StartsWith("{\"image\"", StringComparison.Ordinal)))
        {
            using var json = JsonDocument.Parse(line);
            actual[Path.GetFileName(json.RootElement.GetProperty("image").GetString()!)] =
                [.. json.RootElement.GetProperty("detections").EnumerateArray().Select(Found.Parse)];
        }

        float threshold = ModelThreshold(model);
        foreach (var (name, _, _) in picks)
        {
            Assert.True(actual.ContainsKey(name), $"detect printed nothing for {name}:\n{run.Output}");
            var x64 = expected[name];
            var arm = actual[name];
            Assert.True(x64.Count >= 8, $"{name}: only {x64.Count} road users on x64; the frame tests too little");
            double worstScore = 0, worstShift = 0;
            string worstPair = "none";
            foreach (var (a, b, because) in new[] { (x64, arm, "x64 found, arm64 did not"), (arm, x64, "arm64 found, x64 did not") })
            {
                foreach (Found d in a)
                {
                    Found? twin = b.Where(o => o.Class == d.Class).OrderByDescending(o => o.Iou(d)).FirstOrDefault();
                    if (twin is null || twin.Iou(d) < 0.5)
                    {
                        // A road user scored at the threshold may fall either side of it.
                        Assert.True(d.Score < threshold + ScoreTolerance, $"{name} ({core}): {because}: {d}");
                        continue;
                    }

                    worstScore = Math.Max(worstScore, Math.Abs(twin.Score - d.Score));
                    if (twin.Shift(d) > worstShift)
                    {
                        (worstShift, worstPair) = (twin.Shift(d), $"{d} against {twin}");
                    }
                }
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name} on {core}: {x64.Count} road users on x64, {arm.Count} on arm64; largest score difference {worstScore:F4}, largest coordinate difference {worstShift:F1} px ({worstPair})"));
            Assert.True(worstScore <= ScoreTolerance, $"{name} ({core}): a score differs by {worstScore:F4} between x64 and arm64");
            Assert.True(worstShift <= CoordinateTolerance, $"{name} ({core}): a box coordinate differs by {worstShift:F1} px between x64 and arm64: {worstPair}");
        }
    }

    private static byte[] RenderPng(ScenarioOptions scenario, int index)
    {
        var pool = new FramePool(scenario.Width, scenario.Height, maxRetained: 4);
        var scene = new SyntheticTrafficScene(scenario, pool);
        for (int i = 0; i < index; i++)
        {
            scene.ReadAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult()?.Dispose();
        }

        using Frame frame = scene.ReadAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult()
            ?? throw new InvalidOperationException($"{scenario.Name} ended before frame {index}");
        Assert.Equal(PixelFormat.Bgr24, frame.Format);
        using var bitmap = new SKBitmap(new SKImageInfo(frame.Width, frame.Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        Span<byte> target = bitmap.GetPixelSpan();
        Span<byte> pixels = frame.Pixels;
        for (int y = 0; y < frame.Height; y++)
        {
            for (int x = 0; x < frame.Width; x++)
            {
                int s = (y * frame.Stride) + (3 * x), t = (y * bitmap.RowBytes) + (4 * x);
                (target[t], target[t + 1], target[t + 2], target[t + 3]) = (pixels[s + 2], pixels[s + 1], pixels[s], 255);
            }
        }

        using SKData png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    private static float ModelThreshold(string model)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(model, "model.json")));
        return json.RootElement.GetProperty("scoreThreshold").GetSingle();
    }

    private sealed record Found(string Class, double Score, double X1, double Y1, double X2, double Y2)
    {
        public static Found Parse(JsonElement e)
        {
            JsonElement box = e.GetProperty("box");
            return new Found(e.GetProperty("class").GetString()!, e.GetProperty("score").GetDouble(),
                box[0].GetDouble(), box[1].GetDouble(), box[2].GetDouble(), box[3].GetDouble());
        }

        public double Shift(Found o) => Math.Max(Math.Max(Math.Abs(X1 - o.X1), Math.Abs(Y1 - o.Y1)), Math.Max(Math.Abs(X2 - o.X2), Math.Abs(Y2 - o.Y2)));

        public double Iou(Found o)
        {
            double w = Math.Min(X2, o.X2) - Math.Max(X1, o.X1), h = Math.Min(Y2, o.Y2) - Math.Max(Y1, o.Y1);
            double inter = w > 0 && h > 0 ? w * h : 0;
            double union = ((X2 - X1) * (Y2 - Y1)) + ((o.X2 - o.X1) * (o.Y2 - o.Y1)) - inter;
            return union > 0 ? inter / union : 0;
        }

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Class} {Score:F3} [{X1:F1}, {Y1:F1}, {X2:F1}, {Y2:F1}]");
    }
}
