using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using SmartCity.Edge.Agent.Evaluation;
using SmartCity.Edge.Agent.Pipeline;
using SmartCity.Edge.Detection;
using SmartCity.Edge.Simulation;
using SmartCity.Edge.Simulation.Output;
using SmartCity.Edge.Simulation.Scenarios;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Agent.Commands;

/// <summary>
/// <c>model-eval</c>: detection quality (AP@0.5 per class, mAP@0.5, precision and recall for vehicles at the
/// model's own thresholds) and latency of one or more models on held-out synthetic sequences. Several
/// models see the same frames, one after the other per frame, so their latencies are measured side by side.
/// </summary>
internal static class ModelEvalCommand
{
    /// <summary>First seed of the held-out sequences; <c>dataset</c> refuses the reserved range (<see cref="DatasetPlan"/>).</summary>
    public const int HeldOutSeedBase = DatasetPlan.HeldOutSeedBase;

    public static Command Create()
    {
        var models = new Option<string[]>("--model", "-m")
        {
            Description = "Model folder; repeat to compare models on the same frames.",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = true,
            DefaultValueFactory = _ => [ModelLocator.DefaultModel],
        };
        var scenarios = new Option<string>("--scenarios")
        {
            Description = "Comma-separated scenarios.",
            DefaultValueFactory = _ => "light,dense-queue,occlusion,pedestrians,night,road",
        };
        var frames = new Option<int>("--frames") { Description = "Frames evaluated per scenario.", DefaultValueFactory = _ => 120 };
        var stride = new Option<int>("--stride") { Description = "Evaluate every n-th frame (consecutive frames are nearly identical).", DefaultValueFactory = _ => 5 };
        var threads = new Option<int>("--threads") { Description = "Intra-op threads.", DefaultValueFactory = _ => 1 };
        var writeCard = new Option<bool>("--write-card") { Description = "Write the measured figures into each model's model.json card." };

        var command = new Command("model-eval", "Measure mAP@0.5, precision/recall and latency of detection models on held-out synthetic sequences.")
        {
            models, scenarios, frames, stride, threads, writeCard,
        };
        command.SetAction(parse => Run(
            parse.GetRequiredValue(models), parse.GetRequiredValue(scenarios), parse.GetValue(frames), parse.GetValue(stride), parse.GetValue(threads), parse.GetValue(writeCard)));
        return command;
    }

    private static int Run(string[] modelPaths, string scenarioList, int frames, int stride, int threads, bool writeCard)
    {
        if (frames < 1 || stride < 1 || threads < 1)
        {
            return CliErrors.Report("--frames, --stride and --threads must be positive.");
        }

        var scenarios = new List<ScenarioOptions>();
        foreach (var name in scenarioList.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!ScenarioCatalog.TryGet(name, out var s))
            {
                return CliErrors.Report($"--scenarios: unknown scenario '{name}'. Known: {string.Join(", ", ScenarioCatalog.Names)}.");
            }

            scenarios.Add(s);
        }

        var detectors = new List<ObjectDetector>();
        try
        {
            foreach (var path in modelPaths)
            {
                // A low threshold so the precision–recall curve is traced; the operating point uses the model's own.
                detectors.Add(ObjectDetector.Load(ModelLocator.Resolve(path), new DetectorOptions { IntraOpThreads = threads, ScoreThreshold = 0.02f }));
            }
        }
        catch (Exception ex) when (ex is ModelLoadException or ArgumentException)
        {
            detectors.ForEach(d => d.Dispose());
            return CliErrors.Report(ex.Message);
        }

        try
        {
            var results = new ModelEvalResult[detectors.Count];
            for (int m = 0; m < detectors.Count; m++)
            {
                results[m] = new ModelEvalResult(detectors[m].Manifest);
            }

            var lists = detectors.Select(_ => new DetectionList()).ToArray();
            for (int si = 0; si < scenarios.Count; si++)
            {
                var scenario = scenarios[si] with { Seed = HeldOutSeedBase + si, Duration = null };
                var pool = new FramePool(scenario.Width, scenario.Height, maxRetained: 4);
                var scene = new SyntheticTrafficScene(scenario, pool);
                Console.Error.Write($"model-eval: {scenario.Name} (seed {scenario.Seed}) ");
                for (int i = 0; i < frames; i++)
                {
                    for (int skip = 1; skip < stride; skip++)
                    {
                        scene.ReadAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult()?.Dispose();
                    }

                    using var frame = scene.ReadAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult()
                        ?? throw new InvalidOperationException("The synthetic scene ended early.");
                    for (int m = 0; m < detectors.Count; m++)
                    {
                        if (detectors[m].TryDetect(frame, lists[m], out var error))
                        {
                            results[m].Add(scenario.Name, lists[m].AsSpan(), frame.GroundTruth!.Objects, detectors[m].LastTimings.TotalMs);
                        }
                        else
                        {
                            Console.Error.WriteLine($"model-eval: frame {frame.Sequence}: {error}");
                        }
                    }

                    if (i % 20 == 19)
                    {
                        Console.Error.Write('.');
                    }
                }

                Console.Error.WriteLine();
            }

            Console.WriteLine(Render(results, scenarios, frames, stride, threads));
            if (writeCard)
            {
                for (int m = 0; m < detectors.Count; m++)
                {
                    WriteCard(detectors[m].Manifest, results[m], results, scenarios, frames, stride, threads);
                }
            }

            return CliErrors.Ok;
        }
        finally
        {
            detectors.ForEach(d => d.Dispose());
        }
    }

    private static string Render(ModelEvalResult[] results, List<ScenarioOptions> scenarios, int frames, int stride, int threads)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(inv, $"Held-out synthetic sequences: {string.Join(", ", scenarios.Select(s => s.Name))}; {frames} frames each (every {stride}th), seeds from {HeldOutSeedBase}; {threads} intra-op thread(s).");
        sb.AppendLine($"Ground truth under 30% visible or under 6 px high is \"don't care\" (neither a hit nor a miss); the \"≥ {ModelEvalResult.NearFieldMinHeight:F0} px\" rows also ignore objects smaller than that (KITTI-style minimum height).");
        sb.AppendLine();
        sb.Append("| metric |");
        foreach (var r in results)
        {
            sb.Append(inv, $" {r.Manifest.Name} |");
        }

        sb.AppendLine();
        sb.Append("|---|");
        foreach (var _ in results)
        {
            sb.Append("---:|");
        }

        sb.AppendLine();
        void Row(string label, Func<ModelEvalResult, string> value)
        {
            sb.Append(inv, $"| {label} |");
            foreach (var r in results)
            {
                sb.Append(inv, $" {value(r)} |");
            }

            sb.AppendLine();
        }

        Row("mAP@0.5 (all classes)", r => r.All.MeanAveragePrecision().ToString("F3", inv));
        foreach (var cls in TrafficClasses.RoadUsers)
        {
            Row($"AP@0.5 {cls.ToName()} (n={results[0].All.Positives(cls)})", r => r.All.AveragePrecision(cls) is { } ap ? ap.ToString("F3", inv) : "–");
        }

        Row("vehicle precision at model threshold", r => r.VehiclePoint().Precision.ToString("F3", inv));
        Row("vehicle recall at model threshold", r => r.VehiclePoint().Recall.ToString("F3", inv));
        string near = $"objects ≥ {ModelEvalResult.NearFieldMinHeight:F0} px tall";
        Row($"mAP@0.5 ({near})", r => r.NearField.MeanAveragePrecision().ToString("F3", inv));
        Row($"vehicle precision ({near})", r => r.VehiclePoint(r.NearField).Precision.ToString("F3", inv));
        Row($"vehicle recall ({near})", r => r.VehiclePoint(r.NearField).Recall.ToString("F3", inv));
        foreach (var s in scenarios)
        {
            Row($"mAP@0.5 {s.Name}", r => r.PerScenario[s.Name].MeanAveragePrecision().ToString("F3", inv));
        }

        Row("mean detect ms (pre+run+post)", r => r.MeanMs.ToString("F2", inv));
        Row("model.onnx size (KiB)", r => (new FileInfo(r.Manifest.OnnxPath).Length / 1024.0).ToString("F0", inv));
        return sb.ToString();
    }

    // model.json is read by people: keep apostrophes, '<' and '+' as they are (the file is never embedded in HTML).
    private static readonly JsonSerializerOptions CardJsonOptions = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static void WriteCard(
        ModelManifest manifest, ModelEvalResult result, ModelEvalResult[] all, List<ScenarioOptions> scenarios, int frames, int stride, int threads)
    {
        var inv = CultureInfo.InvariantCulture;
        string path = Path.Combine(manifest.Folder, ModelManifest.ManifestFileName);
        var root = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        var card = root["card"] as JsonObject ?? new JsonObject();
        root["card"] = card;
        var metrics = new JsonObject
        {
            ["mAP50_synthetic_heldout"] = Math.Round(result.All.MeanAveragePrecision(), 4),
            ["vehicle_precision_at_threshold"] = Math.Round(result.VehiclePoint().Precision, 4),
            ["vehicle_recall_at_threshold"] = Math.Round(result.VehiclePoint().Recall, 4),
            ["mAP50_synthetic_heldout_min16px"] = Math.Round(result.NearField.MeanAveragePrecision(), 4),
            ["vehicle_precision_at_threshold_min16px"] = Math.Round(result.VehiclePoint(result.NearField).Precision, 4),
            ["vehicle_recall_at_threshold_min16px"] = Math.Round(result.VehiclePoint(result.NearField).Recall, 4),
            ["detect_ms_mean_1thread_x86_64_eval_machine"] = Math.Round(result.MeanMs, 2),
        };
        foreach (var cls in TrafficClasses.RoadUsers)
        {
            if (result.All.AveragePrecision(cls) is { } ap)
            {
                metrics[$"AP50_{cls.ToName()}"] = Math.Round(ap, 4);
            }
        }

        // Side-by-side figures against the other models of the same run (same frames, interleaved per frame).
        foreach (var other in all)
        {
            if (ReferenceEquals(other, result))
            {
                continue;
            }

            metrics[$"speedup_vs_{other.Manifest.Name}"] = Math.Round(other.MeanMs / Math.Max(1e-9, result.MeanMs), 3);
            metrics[$"mAP50_points_vs_{other.Manifest.Name}"] = Math.Round(100 * (result.All.MeanAveragePrecision() - other.All.MeanAveragePrecision()), 2);
        }

        card["metrics"] = metrics;
        card["evaluation"] = string.Create(
            inv,
            $"smartcity-edge model-eval on held-out synthetic sequences ({string.Join(", ", scenarios.Select(s => s.Name))}; {frames} frames each, every {stride}th; seeds {HeldOutSeedBase}+, never used in training; {threads} thread(s)); IoU 0.5; ground truth under 30% visible or 6 px high ignored; measured {DateTime.UtcNow:yyyy-MM-dd}.");
        File.WriteAllText(path, root.ToJsonString(CardJsonOptions) + "\n");
        Console.Error.WriteLine($"model-eval: wrote the card metrics of {manifest.Name} to {path}");
    }
}
