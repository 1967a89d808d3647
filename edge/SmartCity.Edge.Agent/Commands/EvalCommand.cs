using System.CommandLine;
using System.Globalization;
using SmartCity.Edge.Agent.Evaluation;
using SmartCity.Edge.Agent.Pipeline;
using SmartCity.Edge.Detection;
using SmartCity.Edge.Simulation.Scenarios;

namespace SmartCity.Edge.Agent.Commands;

/// <summary>
/// <c>eval</c>: the accuracy harness. Runs the full pipeline (motion gate, detector, tracker, analytics) on
/// synthetic scenarios with ground truth and reports counted vs true per line, movement and class, the
/// tracking metrics (MOTA, IDF1, ID switches, fragmentations) and the per-stage cost, as Markdown, CSV and a
/// PNG chart. Exit code 0 when every target is met, 1 when one is missed, 2 on bad input, 3 when the
/// reference analytics disagree with the simulator's routes (an analytics bug: the counts cannot be trusted).
/// </summary>
internal static class EvalCommand
{
    /// <summary>Exit code when the reference counts contradict the simulator's routes.</summary>
    public const int ReferenceMismatch = 3;

    public static Command Create()
    {
        var model = new Option<string>("--model", "-m")
        {
            Description = "Model folder.",
            DefaultValueFactory = _ => ModelLocator.DefaultModel,
        };
        var scenarios = new Option<string>("--scenarios")
        {
            Description = "Comma-separated scenarios.",
            DefaultValueFactory = _ => "light,dense-queue,occlusion,pedestrians,night",
        };
        var minutes = new Option<double>("--minutes") { Description = "Simulated minutes per scenario (after its warm-up).", DefaultValueFactory = _ => 30 };
        var bin = new Option<int>("--bin") { Description = "Reporting bin in minutes.", DefaultValueFactory = _ => 15 };
        var output = new Option<string>("--out", "-o") { Description = "Folder for report.md, counts.csv, tracking.csv, journeys.csv, crossings.csv, id-switches.csv, queues.csv, counts.png.", DefaultValueFactory = _ => "eval-results" };
        var threads = new Option<int>("--threads") { Description = "Detector intra-op threads.", DefaultValueFactory = _ => 1 };
        var noGate = new Option<bool>("--no-gate") { Description = "Run the detector on every frame (no motion gate)." };
        var seed = new Option<int>("--seed") { Description = "Seed of the first scenario; scenario i uses seed + i.", DefaultValueFactory = _ => ModelEvalCommand.HeldOutSeedBase + 100 };
        var oracle = new Option<bool>("--oracle-detections") { Description = "Feed ground-truth boxes to the tracker instead of running a detector (debugging tracker and analytics)." };
        var trackerSettings = new Option<string[]>("--tracker")
        {
            Description = "Override one tracker setting, KEY=VALUE (repeatable), e.g. --tracker StationaryLostTimeout=30s --tracker MatchIou=0.3.",
            AllowMultipleArgumentsPerToken = false,
        };

        var detailRegion = new Option<string?>("--detail-region")
        {
            Description = "Run the detector a second time on this rectangle of the frame, enlarged to the model's input, X,Y,WIDTH,HEIGHT in pixels (e.g. 160,0,320,240 for the synthetic scenes' far approach: twice the scale). Inside it, boxes lower than --detail-max-height come from that pass. Costs a second inference per frame.",
        };
        var detailMaxHeight = new Option<float>("--detail-max-height")
        {
            Description = "With --detail-region: boxes lower than this many pixels inside the region come from the region's pass.",
            DefaultValueFactory = _ => DetectorOptions.DefaultDetailMaxHeight,
        };

        var command = new Command("eval", "Accuracy harness: counted vs true per line, movement and class, and tracking metrics, on synthetic scenarios with ground truth.")
        {
            model, scenarios, minutes, bin, output, threads, noGate, seed, oracle, trackerSettings, detailRegion, detailMaxHeight,
        };
        command.SetAction(parse => Run(
            parse.GetRequiredValue(model), parse.GetRequiredValue(scenarios), parse.GetValue(minutes), parse.GetValue(bin),
            parse.GetRequiredValue(output), parse.GetValue(threads), parse.GetValue(noGate), parse.GetValue(seed), parse.GetValue(oracle),
            parse.GetValue(trackerSettings) ?? [], parse.GetValue(detailRegion), parse.GetValue(detailMaxHeight)));
        return command;
    }

    private static int Run(
        string modelPath, string scenarioList, double minutes, int binMinutes, string output, int threads, bool noGate, int seed, bool oracle, string[] trackerSettings,
        string? detailRegionText, float detailMaxHeight)
    {
        DetailRegion? detailRegion = null;
        if (detailRegionText is not null)
        {
            if (!DetailRegion.TryParse(detailRegionText, out var r))
            {
                return CliErrors.Report($"--detail-region: '{detailRegionText}' is not X,Y,WIDTH,HEIGHT (four whole numbers of pixels).");
            }

            if (oracle)
            {
                return CliErrors.Report("--detail-region runs the detector; it does not go with --oracle-detections.");
            }

            if (r.ShapeProblem() is { } problem)
            {
                return CliErrors.Report($"--detail-region {r}: {problem}.");
            }

            detailRegion = r;
        }

        if (threads < 1)
        {
            return CliErrors.Report($"--threads: {threads} must be 1 or more.");
        }

        if (!double.IsFinite(minutes))
        {
            return CliErrors.Report("--minutes must be a number.");
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

        var settings = new TrafficEvalSettings
        {
            Scenarios = scenarios,
            Duration = TimeSpan.FromMinutes(minutes),
            Bin = TimeSpan.FromMinutes(binMinutes),
            Seed = seed,
            MotionGate = !noGate,
            OracleDetections = oracle,
            TrackerOverrides = trackerSettings,
        };
        try
        {
            settings.Validate();
        }
        catch (ArgumentException ex)
        {
            return CliErrors.Report(ex.Message);
        }

        ObjectDetector? detector = null;
        try
        {
            if (!oracle)
            {
                // The same detector/tracker pairing as the agent's run command.
                string folder = ModelLocator.Resolve(modelPath);
                var tracker = TrackerProfile.For(ModelManifest.Load(folder));
                TrackerOverrides.Apply(tracker, trackerSettings);
                var detectorOptions = TrackerProfile.DetectorOptions(threads, tracker);
                detectorOptions.DetailRegion = detailRegion;
                detectorOptions.DetailMaxHeight = detailMaxHeight;
                detector = ObjectDetector.Load(folder, detectorOptions);
                settings = settings with { Tracker = tracker, Detector = detectorOptions };
            }
            else if (trackerSettings.Length > 0)
            {
                var tracker = new Tracking.TrackerOptions();
                TrackerOverrides.Apply(tracker, trackerSettings);
                settings = settings with { Tracker = tracker };
            }
        }
        catch (Exception ex) when (ex is ModelLoadException or ArgumentException)
        {
            return CliErrors.Report(ex.Message);
        }

        using (detector)
        {
            string detectorName = detector?.Manifest.Name ?? "oracle detections (ground-truth boxes)";
            IReadOnlyList<ScenarioEvalResult> results;
            try
            {
                results = TrafficEvaluation.Run(settings, detector, Console.Error);
            }
            catch (ArgumentException ex)
            {
                return CliErrors.Report(ex.Message);
            }

            var misses = EvalTargets.Misses(results, settings);
            string folder = Path.GetFullPath(output);
            TrafficEvaluation.WriteOutputs(folder, results, settings, detectorName, misses, threads);
            PrintSummary(results, misses, folder);
            foreach (var r in results)
            {
                if (!r.RouteCheckAgrees)
                {
                    Console.Error.WriteLine($"error: {r.Scenario.Name}: the reference analytics disagree with the simulator's routes (see the route check in {Path.Combine(folder, "report.md")}); this is an analytics bug and the accuracy figures cannot be trusted.");
                    return ReferenceMismatch;
                }
            }

            return misses.Count == 0 ? CliErrors.Ok : CliErrors.Failed;
        }
    }

    private static void PrintSummary(IReadOnlyList<ScenarioEvalResult> results, IReadOnlyList<string> misses, string folder)
    {
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine("| scenario | movements true/counted | accuracy | MOTA | IDF1 | IDSW | IDSW/100 | Frag | FP | FN | det ms | trk ms | ana ms |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            var mv = r.Counts.Sum(k => k.Kind == CountKind.Movement);
            var m = r.Tracking;
            var ms = r.Cost.MeanMs;
            Console.WriteLine(string.Create(inv, $"| {r.Scenario.Name} | {mv.True}/{mv.Counted} | {mv.Accuracy:P1} | {m.Mota:F3} | {m.Idf1:F3} | {m.IdSwitches} | {m.IdSwitchesPer100Tracks:F2} | {m.Fragmentations} | {m.FalsePositives} | {m.Misses} | {ms.Detector:F2} | {ms.Tracker:F3} | {ms.Analytics:F3} |"));
        }

        Console.WriteLine();
        if (misses.Count == 0)
        {
            Console.WriteLine("All targets met.");
        }
        else
        {
            Console.WriteLine($"{misses.Count} target(s) missed:");
            for (int i = 0; i < Math.Min(misses.Count, 25); i++)
            {
                Console.WriteLine($"  ✗ {misses[i]}");
            }

            if (misses.Count > 25)
            {
                Console.WriteLine($"  … and {misses.Count - 25} more in report.md.");
            }
        }

        Console.WriteLine($"Report: {Path.Combine(folder, "report.md")}");
    }
}
