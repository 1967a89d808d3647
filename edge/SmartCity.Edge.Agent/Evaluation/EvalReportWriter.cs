using System.Globalization;
using System.Text;
using SmartCity.Edge.Analytics.Summaries;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Agent.Evaluation;

/// <summary>Writes <c>report.md</c>: summary per scenario, cost, per-element tables, bins with PHF, route check, definitions.</summary>
internal static class EvalReportWriter
{
    private const int MaxListedMisses = 60;
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Renders the report.</summary>
    /// <param name="results">Per-scenario results.</param>
    /// <param name="settings">What was run.</param>
    /// <param name="detectorName">Model name, or a description of the oracle.</param>
    /// <param name="misses">Missed targets (<see cref="EvalTargets.Misses"/>).</param>
    /// <param name="threads">Detector intra-op threads.</param>
    public static string Render(IReadOnlyList<ScenarioEvalResult> results, TrafficEvalSettings settings, string detectorName, IReadOnlyList<string> misses, int threads)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(misses);
        var sb = new StringBuilder();
        sb.AppendLine("# Accuracy harness: counted vs true");
        sb.AppendLine();
        string nms = settings.Detector is { SuppressedScore: { } low } d
            ? $" (boxes NMS suppresses that overlap the kept one by ≤ {d.SuppressedMaxIou:0.##} IoU reach the tracker at score ≤ {low:0.###})"
            : "";
        if (settings.Detector?.DetailRegion is { } region)
        {
            nms += string.Create(Inv, $", run a second time on the detail region {region} (x, y, width, height in pixels) enlarged to the model's input, whose boxes under {settings.Detector.DetailMaxHeight:0.#} px replace the whole frame's there");
        }

        sb.AppendLine(Inv, $"- Detector: {detectorName}{nms}; motion gate {(settings.MotionGate ? "on" : "off")}; {(settings.Tracker is { } t ? $"ByteTrack with thresholds from the model (high {t.HighScore:F2}, new track {t.NewTrackScore:F2}, low {t.LowScore:F2}), colour signatures (cost weight {t.AppearanceWeight:0.##}, re-identification within {t.ReidentifyDistance:0.###}), {Switches(t)}" : $"ByteTrack with default options ({Switches(new Tracking.TrackerOptions())})")}{(settings.TrackerOverrides.Count > 0 ? $" and overrides {string.Join(", ", settings.TrackerOverrides)}" : "")}; analytics from each scene's layout (stop lines counting the vehicles entering the junction, entry/exit zones).");
        sb.AppendLine(Inv, $"- {results.Count} scenario(s), {settings.Duration.TotalMinutes:0.##} simulated minutes each after the scenario's warm-up, seeds from {settings.Seed} (held out from training); {settings.Bin.TotalMinutes:0} min bins.");
        sb.AppendLine(Inv, $"- Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} logical CPU(s), {threads} detector thread(s).");
        sb.AppendLine(Inv, $"- Targets: count accuracy ≥ {settings.AccuracyTarget:P0} per movement (and per line) and class on every scenario, ≥ {settings.LightAccuracyTarget:P0} on light; ≤ {settings.DenseQueueIdSwitchesPer100:0.#} ID switch per 100 ground-truth tracks on dense-queue; tracker + analytics ≤ {settings.TrackingCostShare:P0} of the detector's time per frame.");
        sb.AppendLine();
        sb.AppendLine(misses.Count == 0 ? "## Result: every target met" : $"## Result: {misses.Count} target(s) missed");
        sb.AppendLine();
        for (int i = 0; i < Math.Min(misses.Count, MaxListedMisses); i++)
        {
            sb.AppendLine(Inv, $"- ✗ {misses[i]}");
        }

        if (misses.Count > MaxListedMisses)
        {
            sb.AppendLine(Inv, $"- … and {misses.Count - MaxListedMisses} more (counts.csv has every element).");
        }

        AppendSummary(sb, results, settings);
        AppendNearField(sb, results);
        AppendJourneys(sb, results);
        AppendCrossings(sb, results);
        AppendQueues(sb, results);
        AppendCost(sb, results, settings);
        foreach (var r in results)
        {
            AppendScenario(sb, r, settings);
        }

        AppendDefinitions(sb);
        return sb.ToString();
    }

    private static void AppendSummary(StringBuilder sb, IReadOnlyList<ScenarioEvalResult> results, TrafficEvalSettings settings)
    {
        sb.AppendLine();
        sb.AppendLine("## Summary");
        sb.AppendLine();
        sb.AppendLine("| scenario | frames | movements true / counted | movement accuracy (total) | worst movement × class | movement × class at target | line accuracy (total) | worst line × class | MOTA | MOTP | IDF1 | IDSW | IDSW / 100 GT tracks | Frag | FP | FN | GT tracks | route check |");
        sb.AppendLine("|---|---:|---:|---:|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var r in results)
        {
            double target = settings.TargetFor(r.Scenario.Name);
            var movements = r.Counts.Sum(k => k.Kind == CountKind.Movement);
            var lines = r.Counts.Sum(k => k.Kind == CountKind.Line);
            var (worstMovement, movementOk, movementAll) = Worst(r.Counts, CountKind.Movement, target);
            var (worstLine, _, _) = Worst(r.Counts, CountKind.Line, target);
            var m = r.Tracking;
            sb.AppendLine(Inv, $"| {r.Scenario.Name} | {r.Frames} | {movements.True} / {movements.Counted} | {movements.Accuracy:P1} | {worstMovement} | {movementOk}/{movementAll} | {lines.Accuracy:P1} | {worstLine} | {m.Mota:F3} | {m.Motp:F3} | {m.Idf1:F3} | {m.IdSwitches} | {m.IdSwitchesPer100Tracks:F2}{Mark(!IsDense(r) || m.IdSwitchesPer100Tracks <= settings.DenseQueueIdSwitchesPer100)} | {m.Fragmentations} | {m.FalsePositives} | {m.Misses} | {m.GroundTruthTracks} | {(r.RouteCheckAgrees ? "agrees" : "**DISAGREES**")} |");
        }
    }

    private static void AppendNearField(StringBuilder sb, IReadOnlyList<ScenarioEvalResult> results)
    {
        if (!results.Any(r => r.NearFieldTracking is not null))
        {
            return;
        }

        sb.AppendLine();
        sb.AppendLine(Inv, $"## Tracking where the lines and zones are (ground truth ≥ {ModelEvalResult.NearFieldMinHeight:0} px tall)");
        sb.AppendLine();
        sb.AppendLine(Inv, $"The same tracks scored again with ground truth under {ModelEvalResult.NearFieldMinHeight:0} px tall \"don't care\" too (KITTI-style minimum height): the far end of the approaches, where cars are a few pixels tall, is left out. A diagnostic only: the targets above use the full scoring.");
        sb.AppendLine();
        sb.AppendLine(Inv, $"| scenario | MOTA | IDF1 | IDSW | IDSW / 100 GT tracks | Frag | GT tracks | IDSW of the full scoring on ground truth under {ModelEvalResult.NearFieldMinHeight:0} px |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            if (r.NearFieldTracking is not { } n)
            {
                continue;
            }

            int small = r.IdSwitches.Count(s => s.Box.Height < ModelEvalResult.NearFieldMinHeight);
            sb.AppendLine(Inv, $"| {r.Scenario.Name} | {n.Mota:F3} | {n.Idf1:F3} | {n.IdSwitches} | {n.IdSwitchesPer100Tracks:F2} | {n.Fragmentations} | {n.GroundTruthTracks} | {small} of {r.Tracking.IdSwitches} |");
        }
    }

    private static void AppendJourneys(StringBuilder sb, IReadOnlyList<ScenarioEvalResult> results)
    {
        if (!results.Any(r => r.Journeys is not null))
        {
            return;
        }

        sb.AppendLine();
        sb.AppendLine("## Where movement counts are lost (per journey; journeys.csv has every row)");
        sb.AppendLine();
        sb.AppendLine(Inv, $"Each journey the reference counts is looked up among the pipeline's counts of the tracks matched to that road user (CLEAR-MOT matches, IoU ≥ 0.5); counts left over are double counts (same road user) or counts without a journey. \"Missed, hidden throughout\": journeys not counted right whose road user never showed {JourneyDiagnosisResult.HiddenThroughoutVisibility * 100:0} % of itself in any frame (the renderer's visibility), which no camera can count; the targets include them.");
        sb.AppendLine();
        sb.AppendLine(JourneyDiagnosisResult.MarkdownHeader());
        foreach (var r in results)
        {
            if (r.Journeys is { } j)
            {
                sb.AppendLine(Inv, $"| {r.Scenario.Name} | {j.MarkdownCells()}");
            }
        }
    }

    private static void AppendCrossings(StringBuilder sb, IReadOnlyList<ScenarioEvalResult> results)
    {
        if (!results.Any(r => r.Crossings is not null))
        {
            return;
        }

        sb.AppendLine();
        sb.AppendLine("## Where line counts are lost (per crossing; crossings.csv has every row)");
        sb.AppendLine();
        sb.AppendLine("Each crossing the reference counts is looked up among the pipeline's crossings of the same line attributed to that road user (the one its track was last matched to, IoU ≥ 0.5, when the crossing was counted); counts left over are double counts (same road user, line and direction) or counts without a crossing. \"Seen both sides\": one of its tracks was seen clearly on both sides of the line's segment; \"fragmented\": the two sides by different tracks.");
        sb.AppendLine();
        sb.AppendLine(CrossingDiagnosisResult.MarkdownHeader());
        foreach (var r in results)
        {
            if (r.Crossings is { } c)
            {
                sb.AppendLine(Inv, $"| {r.Scenario.Name} | {c.MarkdownCells()}");
            }
        }
    }

    private static void AppendQueues(StringBuilder sb, IReadOnlyList<ScenarioEvalResult> results)
    {
        if (!results.Any(r => r.Queues is not null))
        {
            return;
        }

        sb.AppendLine();
        sb.AppendLine("## Queues behind the stop lines (per analytics interval; queues.csv has every interval)");
        sb.AppendLine();
        sb.AppendLine("The pipeline's queue per approach against the reference's (the same analytics on the ground-truth tracks, so a vehicle hidden behind another still counts there), per analytics interval: the most stopped vehicles in any frame, the longest queue (stop line to the farthest stopped vehicle's rear, metres on the ground) and the interval's mean length; true / counted are means over the intervals, error the mean absolute difference. A diagnostic: the issue sets no target for it.");
        sb.AppendLine();
        sb.AppendLine("| scenario | approach | intervals | most vehicles, true / counted | error (vehicles) | longest, true / counted (m) | error (m) | mean length, true / counted (m) | error (m) |");
        sb.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            foreach (var q in r.Queues?.Summarise() ?? [])
            {
                sb.AppendLine(Inv, $"| {r.Scenario.Name} | {q.Approach} | {q.Intervals} | {q.MaxVehicles.True:F1} / {q.MaxVehicles.Counted:F1} | {q.MaxVehiclesError:F1} | {q.MaxMetres.True:F1} / {q.MaxMetres.Counted:F1} | {q.MaxMetresError:F1} | {q.MeanMetres.True:F1} / {q.MeanMetres.Counted:F1} | {q.MeanMetresError:F1} |");
            }
        }
    }

    private static void AppendCost(StringBuilder sb, IReadOnlyList<ScenarioEvalResult> results, TrafficEvalSettings settings)
    {
        sb.AppendLine();
        sb.AppendLine("## Cost per frame (same run, wall time around each call)");
        sb.AppendLine();
        sb.AppendLine(Inv, $"| scenario | mean GT objects | peak | mean detections | detector ms | tracker ms | analytics ms | (tracker + analytics) / detector | frames with ≥ {StageCost.BusyObjects} objects | there: detector / tracker / analytics ms | share there |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|");
        foreach (var r in results)
        {
            var c = r.Cost;
            var ms = c.MeanMs;
            double frames = Math.Max(1, c.Frames);
            string busy = c.BusyMeanMs is { } b ? string.Create(Inv, $"{b.Detector:F2} / {b.Tracker:F3} / {b.Analytics:F3}") : "–";
            string share = c.TrackingShare is { } s ? s.ToString("P2", Inv) : "– (oracle)";
            string busyShare = c.BusyTrackingShare is { } bs ? bs.ToString("P2", Inv) + Mark(bs <= settings.TrackingCostShare) : "–";
            sb.AppendLine(Inv, $"| {r.Scenario.Name} | {c.Objects / frames:F1} | {c.PeakObjects} | {c.Detections / frames:F1} | {ms.Detector:F2} | {ms.Tracker:F3} | {ms.Analytics:F3} | {share} | {c.BusyFrames} | {busy} | {busyShare} |");
        }
    }

    private static void AppendScenario(StringBuilder sb, ScenarioEvalResult r, TrafficEvalSettings settings)
    {
        double target = settings.TargetFor(r.Scenario.Name);
        sb.AppendLine();
        sb.AppendLine(Inv, $"## {r.Scenario.Name} (seed {r.Scenario.Seed})");
        sb.AppendLine();
        sb.AppendLine(Inv, $"Road users the analytics saw enter without exit or the reverse: reference {r.IncompleteMovements.True}, pipeline {r.IncompleteMovements.Counted}. Pipeline intervals not complete: {r.IntervalsNotComplete}.");
        foreach (var kind in new[] { CountKind.Movement, CountKind.Line })
        {
            sb.AppendLine();
            sb.AppendLine(kind == CountKind.Movement ? "### Turning movements (whole run)" : "### Counting lines (whole run)");
            sb.AppendLine();
            sb.AppendLine(kind == CountKind.Movement ? "| movement | class | true | counted | accuracy |" : "| line, direction | class | true | counted | accuracy |");
            sb.AppendLine("|---|---|---:|---:|---:|");
            foreach (var key in Sorted(r.Counts.Totals.Keys, kind))
            {
                var v = r.Counts.Totals[key];
                sb.AppendLine(Inv, $"| {key.Element} | {key.Class.ToName()} | {v.True} | {v.Counted} | {v.Accuracy:P1}{Mark(v.Accuracy >= target)} |");
            }

            var total = r.Counts.Sum(k => k.Kind == kind);
            sb.AppendLine(Inv, $"| **all** | | **{total.True}** | **{total.Counted}** | **{total.Accuracy:P1}** |");
        }

        AppendBins(sb, r);
        AppendRouteCheck(sb, r);
    }

    private static void AppendBins(StringBuilder sb, ScenarioEvalResult r)
    {
        sb.AppendLine();
        sb.AppendLine("### Bins (motor vehicles over all movements)");
        sb.AppendLine();
        sb.AppendLine("| bin start | status | true | counted | accuracy | all classes true | all classes counted |");
        sb.AppendLine("|---|---|---:|---:|---:|---:|---:|");
        var statusOf = new Dictionary<DateTimeOffset, BinStatus>();
        foreach (var b in r.CountedBins.Bins)
        {
            statusOf[b.Start] = b.Status;
        }

        foreach (var bin in r.Counts.Bins)
        {
            var vehicles = r.Counts.Sum(bin, IsVehicleMovement);
            var all = r.Counts.Sum(bin, k => k.Kind == CountKind.Movement);
            string status = statusOf.TryGetValue(bin, out var s) ? s.ToString().ToLowerInvariant() : "no data";
            sb.AppendLine(Inv, $"| {bin:HH:mm} | {status} | {vehicles.True} | {vehicles.Counted} | {vehicles.Accuracy:P1} | {all.True} | {all.Counted} |");
        }

        var truePeak = r.TrueBins.PeakHour(VehicleVolume);
        var countedPeak = r.CountedBins.PeakHour(VehicleVolume);
        sb.AppendLine();
        sb.AppendLine(Inv, $"Peak-hour factor (motor vehicles, PHF = V / (4 × V15max)): true {Phf(truePeak)}, counted {Phf(countedPeak)}.");
    }

    private static void AppendRouteCheck(StringBuilder sb, ScenarioEvalResult r)
    {
        sb.AppendLine();
        sb.AppendLine("### Reference analytics against the simulator's routes");
        sb.AppendLine();
        sb.AppendLine("Objects that entered during the run; the reference must lie in [complete trips, complete + cut at end] ± tolerance. Pedestrians are not on lane routes and are not checked; \"out\" crossings of a stop line are shown but not predicted by routes.");
        sb.AppendLine();
        sb.AppendLine("| element | class | complete trips | cut at end | reference | tolerance | verdict |");
        sb.AppendLine("|---|---|---:|---:|---:|---:|---|");
        foreach (var row in r.RouteCheck)
        {
            sb.AppendLine(Inv, $"| {row.Element} | {row.Class.ToName()} | {row.Complete} | {row.CutAtEnd} | {row.Reference} | {row.Tolerance} | {(!row.Predicted ? "not predicted by routes" : row.Agrees ? "ok" : "**MISMATCH**")} |");
        }
    }

    private static void AppendDefinitions(StringBuilder sb)
    {
        sb.AppendLine();
        sb.AppendLine("## Definitions");
        sb.AppendLine();
        sb.AppendLine("- **true**: the same analytics engine and configuration fed with the ground-truth boxes and ids as perfect, always-confirmed tracks; the difference to **counted** is detection and tracking error alone. It is cross-checked against the simulator's planned routes (section per scenario).");
        sb.AppendLine("- **count accuracy** = 1 − |counted − true| / true, floored at 0; for true = 0 it is 100% when nothing was counted and 0% otherwise.");
        sb.AppendLine("- **MOTA** = 1 − (FN + FP + IDSW) / GT, **MOTP** = mean IoU of matched pairs (Bernardin & Stiefelhagen 2008); matching per frame at IoU ≥ 0.5 by an optimal assignment, keeping the previous frame's pairs while still ≥ 0.5. **IDSW**: a ground-truth object matched to another track than at its previous match. **Frag**: a trajectory resuming after an untracked gap (MOT16).");
        sb.AppendLine("- **IDF1** = 2·IDTP / (2·IDTP + IDFP + IDFN) under the global one-to-one ground-truth ↔ track assignment (Ristani et al. 2016).");
        sb.AppendLine("- Tracks evaluated: confirmed and matched in the frame (what the analytics measure). Ground truth under 30% visible or under 6 px high is \"don't care\" as MOT17's ignore regions: a track on it is neither TP nor FP, missing it is no FN.");
        sb.AppendLine("- **PHF** needs four consecutive complete 15-minute bins (`--minutes 60` or more).");
    }

    private static (string Worst, int AtTarget, int All) Worst(CountComparison counts, CountKind kind, double target)
    {
        CountKey? worst = null;
        double worstAccuracy = double.MaxValue;
        int ok = 0, all = 0;
        foreach (var key in Sorted(counts.Totals.Keys, kind))
        {
            double a = counts.Totals[key].Accuracy;
            all++;
            ok += a >= target ? 1 : 0;
            if (a < worstAccuracy)
            {
                (worst, worstAccuracy) = (key, a);
            }
        }

        return worst is { } w
            ? (string.Create(Inv, $"{w.Element} {w.Class.ToName()} {worstAccuracy:P1}{Mark(worstAccuracy >= target)}"), ok, all)
            : ("–", 0, 0);
    }

    private static List<CountKey> Sorted(IEnumerable<CountKey> keys, CountKind kind)
    {
        var list = new List<CountKey>();
        foreach (var k in keys)
        {
            if (k.Kind == kind)
            {
                list.Add(k);
            }
        }

        list.Sort(RouteChecker.Compare);
        return list;
    }

    private static bool IsVehicleMovement(CountKey k) => k.Kind == CountKind.Movement && k.Class.IsVehicle();

    private static int? VehicleVolume(TrafficBin b)
    {
        int? sum = 0;
        foreach (var cls in TrafficClasses.RoadUsers)
        {
            if (cls.IsVehicle())
            {
                sum += b.MovementVolume(cls: cls);
            }
        }

        return sum;
    }

    private static string Phf(PeakHourResult p) => p.Factor is { } f
        ? string.Create(Inv, $"{f:F3} (peak hour from {p.Start:HH:mm}, V = {p.Volume})")
        : $"n/a ({p.Reason})";

    private static bool IsDense(ScenarioEvalResult r) => string.Equals(r.Scenario.Name, Simulation.Scenarios.ScenarioCatalog.DenseQueue.Name, StringComparison.Ordinal);

    private static string Mark(bool ok) => ok ? "" : " ✗";

    /// <summary>The score a box under <c>SmallTrackHeight</c> needs to start a track, when it differs from the others'.</summary>
    private static string SmallBirths(Tracking.TrackerOptions t) =>
        t.SmallBoxBirthScore() > t.NewTrackScore
            ? string.Create(Inv, $"boxes under {t.SmallTrackHeight:0.#} px start tracks from {t.SmallBoxBirthScore():F2}, ")
            : "";

    /// <summary>The tracker's on/off settings, so a report says which were on (each is documented in <c>TrackerOptions</c>).</summary>
    private static string Switches(Tracking.TrackerOptions t) =>
        SmallBirths(t) + $"hidden-queue recovery {OnOff(t.HiddenQueueRecovery)}, lost motion from edges {OnOff(t.LostMotionFromEdges)}, "
        + $"queue follows occluder {OnOff(t.QueueFollowsOccluder)}, hidden-bottom completion {OnOff(t.CompleteHiddenBottoms)}, "
        + (t.PassingOcclusionLostTimeout > TimeSpan.Zero
            ? string.Create(Inv, $"walkers and cyclists passing behind a vehicle kept {t.PassingOcclusionLostTimeout.TotalSeconds:0.#} s")
            : "walkers and cyclists passing behind a vehicle off")
        + $", lost tracks kept while still covered {OnOff(t.KeepWhileCovered)}"
        + $", identities changed back after two vehicles cross {OnOff(t.SwapBackAfterCrossing)}"
        + $", identities given back when the car in front comes out as a new track {OnOff(t.SwapBackFromNewTrack)}"
        + $", re-identification on the colours no box in front covers {OnOff(t.ReidentifyUncoveredCells)}";

    private static string OnOff(bool on) => on ? "on" : "off";
}
