using System.Globalization;
using System.Text;
using System.Text.Json;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Simulation.Output;

/// <summary>
/// Exports detector training data: <c>frames.u8</c> (raw bgr24 frames back to back, width × height × 3
/// bytes each), <c>labels.csv</c> (<c>frame,class,x1,y1,x2,y2,visibility</c>; class as the wire name) and
/// <c>meta.json</c> (size, count, scenarios, seeds). Every object is labelled, however small or hidden; the
/// trainer decides, and meta.json states the suggested rule for "difficult" boxes.
/// </summary>
public static class SyntheticDatasetWriter
{
    /// <summary>Suggested threshold below which an object counts as difficult.</summary>
    public const float DifficultVisibility = 0.3f;

    /// <summary>Suggested box side in pixels below which an object counts as difficult.</summary>
    public const float DifficultMinSide = 4f;

    /// <summary>Writes the dataset into <paramref name="folder"/> (created if missing); returns the number of frames written.</summary>
    /// <param name="folder">Output folder; existing dataset files there are replaced.</param>
    /// <param name="scenarios">Scenarios to sample, all of the same image size.</param>
    /// <param name="progress">Receives the total number of frames written so far.</param>
    /// <param name="cancellationToken">Stops between frames.</param>
    public static async Task<int> WriteAsync(string folder, IReadOnlyList<DatasetScenario> scenarios, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentNullException.ThrowIfNull(scenarios);
        if (scenarios.Count == 0)
        {
            throw new ArgumentException("Give at least one scenario.", nameof(scenarios));
        }

        int width = scenarios[0].Options.Width, height = scenarios[0].Options.Height;
        foreach (DatasetScenario s in scenarios)
        {
            if (s.Options.Width != width || s.Options.Height != height)
            {
                throw new ArgumentException($"Scenario '{s.Options.Name}' is {s.Options.Width}x{s.Options.Height}; every scenario of a dataset must be {width}x{height}.", nameof(scenarios));
            }

            if (s.Frames <= 0 || s.FrameStride <= 0)
            {
                throw new ArgumentException($"Scenario '{s.Options.Name}' needs positive Frames and FrameStride (got {s.Frames}, {s.FrameStride}).", nameof(scenarios));
            }
        }

        Directory.CreateDirectory(folder);
        int count = 0;
        var written = new List<(DatasetScenario Scenario, int First, int Count)>();
        using var frame = Frame.Allocate(width, height, PixelFormat.Bgr24);
        var lines = new StringBuilder();
        await using (var pixels = new FileStream(Path.Combine(folder, "frames.u8"), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20, useAsync: true))
        await using (var labels = new StreamWriter(Path.Combine(folder, "labels.csv"), append: false, new UTF8Encoding(false)))
        {
            await labels.WriteAsync("frame,class,x1,y1,x2,y2,visibility\n").ConfigureAwait(false);
            foreach (DatasetScenario s in scenarios)
            {
                // A bounded scenario may be shorter than the samples asked for: play it unbounded instead.
                var scene = new SyntheticTrafficScene(s.Options with { Duration = null }, s.Seed, pool: null);
                int first = count;
                for (int i = 0; i < s.Frames; i++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    for (int k = 0; k < s.FrameStride; k++)
                    {
                        scene.RenderNext(frame);
                    }

                    await pixels.WriteAsync(frame.PixelMemory, cancellationToken).ConfigureAwait(false);
                    AppendLabels(lines.Clear(), count, frame.GroundTruth!);
                    await labels.WriteAsync(lines, cancellationToken).ConfigureAwait(false);

                    count++;
                    progress?.Report(count);
                }

                written.Add((s, first, count - first));
            }
        }

        await File.WriteAllBytesAsync(Path.Combine(folder, "meta.json"), Meta(width, height, count, written), cancellationToken).ConfigureAwait(false);
        return count;
    }

    private static void AppendLabels(StringBuilder lines, int frame, FrameGroundTruth truth)
    {
        foreach (GroundTruthObject o in truth.Objects)
        {
            lines.Append(CultureInfo.InvariantCulture,
                $"{frame},{o.Class.ToName()},{o.Box.X1:F1},{o.Box.Y1:F1},{o.Box.X2:F1},{o.Box.Y2:F1},{o.Visibility:F3}\n");
        }
    }

    private static byte[] Meta(int width, int height, int count, List<(DatasetScenario Scenario, int First, int Count)> scenarios)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("width", width);
            json.WriteNumber("height", height);
            json.WriteNumber("count", count);
            json.WriteString("pixel_format", "bgr24");
            json.WriteString("frames_file", "frames.u8");
            json.WriteString("labels_file", "labels.csv");
            json.WriteStartArray("classes");
            foreach (TrafficClass c in TrafficClasses.RoadUsers)
            {
                json.WriteStringValue(c.ToName());
            }

            json.WriteEndArray();
            json.WriteStartObject("difficult");
            json.WriteNumber("visibility_below", DifficultVisibility);
            json.WriteNumber("min_side_px_below", DifficultMinSide);
            json.WriteEndObject();
            json.WriteStartArray("seeds");
            foreach ((DatasetScenario s, _, _) in scenarios)
            {
                json.WriteNumberValue(s.Seed);
            }

            json.WriteEndArray();
            json.WriteStartArray("scenarios");
            foreach ((DatasetScenario s, int first, int n) in scenarios)
            {
                json.WriteStartObject();
                json.WriteString("name", s.Options.Name);
                json.WriteNumber("seed", s.Seed);
                json.WriteNumber("first_frame", first);
                json.WriteNumber("frames", n);
                json.WriteNumber("frame_stride", s.FrameStride);
                json.WriteNumber("fps", s.Options.Fps);
                json.WriteString("lighting", s.Options.Lighting.ToString().ToLowerInvariant());
                json.WriteString("scene", s.Options.Scene.ToString().ToLowerInvariant());
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
