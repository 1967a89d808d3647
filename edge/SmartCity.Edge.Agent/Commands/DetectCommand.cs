using System.Buffers;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using SmartCity.Edge.Detection;
using SmartCity.Edge.Vision.Frames;
using SmartCity.Edge.Vision.Imaging;

namespace SmartCity.Edge.Agent.Commands;

/// <summary><c>detect --model DIR IMAGE...</c>: prints the detections of each image, or one JSON object per image.</summary>
internal static class DetectCommand
{
    /// <summary>Largest image side accepted (a 16K image is 768 MB of BGR pixels).</summary>
    private const int MaxImageSide = 16384;

    public static Command Create()
    {
        var model = new Option<DirectoryInfo>("--model", "-m")
        {
            Description = "Model folder holding model.onnx and model.json.",
            Required = true,
        };
        var json = new Option<bool>("--json") { Description = "One JSON object per image on its own line." };
        var threads = new Option<int>("--threads") { Description = "Intra-op threads for ONNX Runtime.", DefaultValueFactory = _ => 1 };
        var score = new Option<float?>("--score") { Description = "Score threshold overriding the model's (0–1)." };
        var images = new Argument<FileInfo[]>("IMAGE") { Description = "JPEG or PNG files.", Arity = ArgumentArity.OneOrMore };

        var command = new Command("detect", "Run the detector on image files and print what it finds (boxes in image pixels).")
        {
            model, json, threads, score, images,
        };
        command.SetAction(parse => Run(
            parse.GetRequiredValue(model), parse.GetRequiredValue(images), parse.GetValue(json), parse.GetValue(threads), parse.GetValue(score)));
        return command;
    }

    private static int Run(DirectoryInfo modelDir, FileInfo[] images, bool json, int threads, float? score)
    {
        ObjectDetector detector;
        try
        {
            detector = ObjectDetector.Load(modelDir.FullName, new DetectorOptions { IntraOpThreads = threads, ScoreThreshold = score });
        }
        catch (Exception ex) when (ex is ModelLoadException or ArgumentException)
        {
            return CliErrors.Report(ex.Message);
        }

        using (detector)
        {
            // Sized to the largest image seen so far: a pool holds buffers of one size, so a fixed 8K pool would
            // rent 200 MB for every 640x360 frame.
            var pool = new FramePool(1920, 1080, maxRetained: 2);
            var results = new DetectionList();
            var classNames = detector.Manifest.ClassNames;
            int failures = 0;
            var buffer = new ArrayBufferWriter<byte>(4096);
            foreach (var image in images)
            {
                byte[] bytes;
                try
                {
                    bytes = File.ReadAllBytes(image.FullName);
                }
                catch (IOException ex)
                {
                    failures++;
                    Console.Error.WriteLine($"error: {image.FullName}: cannot read: {ex.Message}");
                    continue;
                }
                catch (UnauthorizedAccessException ex)
                {
                    failures++;
                    Console.Error.WriteLine($"error: {image.FullName}: cannot read: {ex.Message}");
                    continue;
                }

                if (FrameDecoder.TryReadSize(bytes, out int width, out int height) && (long)width * height * 3 > pool.CapacityBytes
                    && width <= MaxImageSide && height <= MaxImageSide)
                {
                    pool = new FramePool(width, height, maxRetained: 2);
                }

                if (!FrameDecoder.TryDecode(bytes, pool, out var frame, out var decodeError))
                {
                    failures++;
                    Console.Error.WriteLine($"error: {image.FullName}: {decodeError}");
                    continue;
                }

                using (frame)
                {
                    long start = Stopwatch.GetTimestamp();
                    if (!detector.TryDetect(frame!, results, out var detectError))
                    {
                        failures++;
                        Console.Error.WriteLine($"error: {image.FullName}: {detectError}");
                        continue;
                    }

                    double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                    if (json)
                    {
                        WriteJson(buffer, image.ToString(), ms, results.AsSpan(), classNames);
                    }
                    else
                    {
                        WriteText(image.ToString(), frame!, ms, results.AsSpan(), classNames);
                    }
                }
            }

            return failures == 0 ? CliErrors.Ok : CliErrors.Failed;
        }
    }

    private static void WriteText(string image, Frame frame, double ms, ReadOnlySpan<SmartCity.Edge.Detection.DetectedObject> detections, IReadOnlyList<string> classNames)
    {
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(inv, $"{image}: {frame.Width}x{frame.Height}, {detections.Length} detections, {ms:F1} ms"));
        foreach (ref readonly var d in detections)
        {
            Console.WriteLine(string.Create(
                inv,
                $"  {classNames[d.ClassId],-12} {d.Score:F2}  [{d.Box.X1:F0}, {d.Box.Y1:F0}, {d.Box.X2:F0}, {d.Box.Y2:F0}]  ({d.TrafficClass.ToName()})"));
        }
    }

    private static void WriteJson(ArrayBufferWriter<byte> buffer, string image, double ms, ReadOnlySpan<SmartCity.Edge.Detection.DetectedObject> detections, IReadOnlyList<string> classNames)
    {
        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("image", image);
            writer.WriteNumber("ms", Math.Round(ms, 2));
            writer.WriteStartArray("detections");
            foreach (ref readonly var d in detections)
            {
                writer.WriteStartObject();
                writer.WriteString("class", classNames[d.ClassId]);
                writer.WriteNumber("score", Math.Round(d.Score, 4));
                writer.WriteStartArray("box");
                writer.WriteNumberValue(Math.Round(d.Box.X1, 1));
                writer.WriteNumberValue(Math.Round(d.Box.Y1, 1));
                writer.WriteNumberValue(Math.Round(d.Box.X2, 1));
                writer.WriteNumberValue(Math.Round(d.Box.Y2, 1));
                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        // Through Console.Out (not the raw stdout stream) so the line interleaves correctly with other output.
        Console.Out.WriteLine(Encoding.UTF8.GetString(buffer.WrittenSpan));
    }
}
