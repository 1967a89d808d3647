using System.CommandLine;
using System.Globalization;
using SmartCity.Edge.Agent.Configuration;
using SmartCity.Edge.Agent.Pipeline;
using SmartCity.Edge.Detection;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Agent.Commands;

/// <summary>
/// <c>snapshot</c>: one calibration frame from the configured camera, saved on the device as JPEG with people
/// (the detector's pedestrian class, and riders of bicycles and motorcycles) blurred, and a line in the local audit
/// log. Nothing is sent anywhere: an upload needs an explicit operator command on the cloud side
/// (<c>smartcity-server snapshot --device ID</c>, logged there), which the running agent answers with the same blur.
/// If the detector cannot run, no snapshot is saved — an unblurred frame never reaches the disk.
/// </summary>
internal static class SnapshotCommand
{
    /// <summary>Classes blurred by default: pedestrians and the riders of bicycles and motorcycles.</summary>
    internal static readonly string[] DefaultBlurClasses = ["pedestrian", "bicycle", "motorcycle"];

    public static Command Create()
    {
        var config = new Option<FileInfo?>("--config", "-c") { Description = "Device configuration (camera and model). Without it: the synthetic demo intersection and the demo model." };
        var outPath = new Option<FileInfo?>("--out", "-o") { Description = "JPEG file to write (default snapshots/{device}-{UTC time}.jpg)." };
        var skip = new Option<int?>("--skip-frames") { Description = "Frames to discard first so exposure settles (default 10; synthetic 40)." };
        var blur = new Option<string[]>("--blur")
        {
            Description = "Traffic classes to blur (default pedestrian, bicycle, motorcycle: the riders).",
            AllowMultipleArgumentsPerToken = true,
            Arity = ArgumentArity.OneOrMore,
        };
        var score = new Option<float?>("--score") { Description = "Detection score threshold for blurring (default: 0.2, lower than counting, so doubtful people are blurred too)." };
        var command = new Command("snapshot", "Save one calibration frame on this device with people blurred (nothing is uploaded).")
        {
            config, outPath, skip, blur, score,
        };
        command.SetAction((parse, ct) => RunAsync(
            parse.GetValue(config)?.FullName, parse.GetValue(outPath)?.FullName, parse.GetValue(skip), parse.GetValue(blur) is { Length: > 0 } b ? b : DefaultBlurClasses,
            parse.GetValue(score) ?? 0.2f, Console.Out, ct));
        return command;
    }

    internal static async Task<int> RunAsync(string? configPath, string? outPath, int? skipFrames, string[] blurClasses, float score, TextWriter output, CancellationToken cancellationToken)
    {
        var classes = new HashSet<TrafficClass>();
        foreach (string name in blurClasses)
        {
            if (!TrafficClasses.TryParse(name, out var c))
            {
                return CliErrors.Report($"--blur {name}: not a traffic class ({string.Join(", ", TrafficClasses.RoadUsers.ToArray().Select(t => t.ToName()))}).");
            }

            classes.Add(c);
        }

        var config = new AgentConfiguration();
        var sources = DoctorSources.Create(() => config.Synthetic);
        if (configPath is not null)
        {
            try
            {
                config = AgentConfigurationLoader.Load(configPath, sources);
            }
            catch (AgentConfigurationException ex)
            {
                return CliErrors.Report(ex.Message);
            }
        }

        string folder = ModelLocator.Resolve(config.Detector.Model);
        ObjectDetector detector;
        try
        {
            detector = ObjectDetector.Load(folder, new DetectorOptions { IntraOpThreads = config.Detector.IntraOpThreads, ScoreThreshold = score });
        }
        catch (Exception ex) when (ex is ModelLoadException or ArgumentException)
        {
            return CliErrors.Report($"no snapshot without a working detector (people could not be blurred): {ex.Message}");
        }

        using (detector)
        {
            output.WriteLine($"snapshot: {config.Source.Type} camera of {config.Device.Id}, model {detector.Manifest.Name}");
            var pool = new FramePool(Math.Max(config.Source.Width, 1920), Math.Max(config.Source.Height, 1080), maxRetained: 2);
            Frame? frame = null;
            var source = sources.Create(config.Source, pool);
            await using (source.ConfigureAwait(false))
            {
                int skip = skipFrames ?? (config.Source.Type == "synthetic" ? 40 : 10);
                using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                cts.CancelAfter(TimeSpan.FromSeconds(30));
                try
                {
                    for (int i = 0; i <= skip; i++)
                    {
                        frame?.Dispose();
                        frame = await source.ReadAsync(cts.Token).ConfigureAwait(false);
                        if (frame is null)
                        {
                            break;
                        }
                    }
                }
                catch (Exception ex) when (ex is Vision.Sources.FrameSourceException or OperationCanceledException)
                {
                    frame?.Dispose();
                    Console.Error.WriteLine($"error: {source.Name}: no frame: {ex.Message}");
                    return CliErrors.Failed;
                }
            }

            if (frame is null)
            {
                Console.Error.WriteLine("error: the camera delivered no frame.");
                return CliErrors.Failed;
            }

            using (frame)
            {
                output.WriteLine($"  frame {frame.Width}x{frame.Height}");
                var results = new DetectionList();
                if (!detector.TryDetect(frame, results, out string? error))
                {
                    Console.Error.WriteLine($"error: detection failed ({error}); no snapshot saved, as people could not be blurred.");
                    return CliErrors.Failed;
                }

                var boxes = new List<BoxF>();
                foreach (ref readonly var d in results.AsSpan())
                {
                    if (classes.Contains(d.TrafficClass))
                    {
                        boxes.Add(d.Box);
                    }
                }

                output.WriteLine($"  {results.Count} detections, {boxes.Count} blurred ({string.Join(", ", classes.Select(c => c.ToName()))})");
                string path = outPath ?? Path.Combine("snapshots", $"{config.Device.Id}-{DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}.jpg");
                try
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
                    using (var blurred = PrivacyBlur.Apply(frame, boxes))
                    {
                        PrivacyBlur.SaveJpeg(blurred, path);
                    }

                    string audit = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, "snapshots-audit.log");
                    File.AppendAllText(audit, string.Create(CultureInfo.InvariantCulture,
                        $"{DateTimeOffset.UtcNow:O}\tuser={Environment.UserName}\tdevice={config.Device.Id}\tfile={Path.GetFullPath(path)}\tblurred={boxes.Count}\tuploaded=no\n"));
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    return CliErrors.Report($"{path}: {ex.Message}");
                }

                output.WriteLine($"saved {Path.GetFullPath(path)} (kept on this device; logged in snapshots-audit.log)");
                output.WriteLine("  not uploaded: only an operator's explicit `smartcity-server snapshot --device ID` makes the running agent upload one (logged on both sides).");
                return CliErrors.Ok;
            }
        }
    }
}
