using System.Globalization;
using SmartCity.Edge.Agent.Evaluation;
using SmartCity.Edge.Detection;
using SmartCity.Edge.Simulation.Scenarios;
using Xunit;
using Xunit.Abstractions;

namespace SmartCity.Edge.Agent.Tests;

/// <summary>
/// Short runs of the accuracy harness (<c>eval</c>) on light traffic, as CI runs it: two simulated minutes,
/// the count-accuracy target, and a guard on ID switches.
/// </summary>
public class EvalHarnessTests(ITestOutputHelper output)
{
    /// <summary>
    /// ID switches per 100 ground-truth tracks allowed in the two-minute light run. Looser than the issue's
    /// 1 per 100 on a 30-minute dense queue: a short run has some 50 tracks, so a single switch is 2 per 100.
    /// </summary>
    private const double ShortRunIdSwitchesPer100 = 10;

    private static TrafficEvalSettings ShortLightRun(bool oracle) => new()
    {
        Scenarios = [ScenarioCatalog.Light],
        Duration = TimeSpan.FromMinutes(2),
        OracleDetections = oracle,
    };

    [Fact]
    public void Tracker_and_analytics_on_ground_truth_detections_count_light_traffic_within_target()
    {
        var settings = ShortLightRun(oracle: true);
        var result = Assert.Single(TrafficEvaluation.Run(settings, detector: null, progress: null));

        var movements = result.Counts.Sum(k => k.Kind == CountKind.Movement);
        var lines = result.Counts.Sum(k => k.Kind == CountKind.Line);
        output.WriteLine($"movements {movements}, lines {lines}, MOTA {result.Tracking.Mota:F3}, IDF1 {result.Tracking.Idf1:F3}, IDSW {result.Tracking.IdSwitches}");
        Assert.True(result.RouteCheckAgrees, "The reference analytics disagree with the simulator's routes.");
        Assert.True(movements.True >= 20, $"Too little traffic to judge: {movements.True} movements.");
        Assert.True(movements.Accuracy >= settings.AccuracyTarget, $"Movement count accuracy {movements.Accuracy:P1} ({movements.Counted} of {movements.True}).");
        Assert.True(lines.Accuracy >= settings.AccuracyTarget, $"Line count accuracy {lines.Accuracy:P1} ({lines.Counted} of {lines.True}).");
        Assert.True(result.Tracking.Mota >= 0.9, $"MOTA {result.Tracking.Mota:F3}");
        Assert.True(result.Tracking.IdSwitchesPer100Tracks <= ShortRunIdSwitchesPer100, $"{result.Tracking.IdSwitchesPer100Tracks:F1} ID switches per 100 GT tracks");
        var journeys = result.Journeys!;
        Assert.True(
            journeys.Count(JourneyOutcome.Counted) >= settings.AccuracyTarget * journeys.Journeys,
            $"{journeys.Count(JourneyOutcome.Counted)} of {journeys.Journeys} journeys counted with the right movement and class.");

        string folder = Path.Combine(Path.GetTempPath(), $"eval-{Guid.NewGuid():N}");
        try
        {
            TrafficEvaluation.WriteOutputs(folder, [result], settings, "oracle", EvalTargets.Misses([result], settings), threads: 1);
            Assert.StartsWith("scenario,bin_start,kind,element,class,true,counted\nlight,2026-01-01T07:00:00Z,", File.ReadAllText(Path.Combine(folder, "counts.csv")), StringComparison.Ordinal);
            Assert.Contains("| light |", File.ReadAllText(Path.Combine(folder, "report.md")), StringComparison.Ordinal);
            Assert.Contains(
                "ByteTrack with default options (boxes under 16 px start tracks from 0.70, hidden-queue recovery on, lost motion from edges on, queue follows occluder off, hidden-bottom completion off, walkers and cyclists passing behind a vehicle kept 4 s, lost tracks kept while still covered off, identities changed back after two vehicles cross on, identities given back when the car in front comes out as a new track on, re-identification on the colours no box in front covers on)",
                File.ReadAllText(Path.Combine(folder, "report.md")),
                StringComparison.Ordinal);
            string[] tracking = File.ReadAllLines(Path.Combine(folder, "tracking.csv"));
            Assert.Equal(2, tracking.Length);
            Assert.EndsWith(",near_gt_tracks,near_idsw,near_idsw_per_100_gt_tracks,near_frag,near_mota,near_idf1", tracking[0], StringComparison.Ordinal);
            var near = result.NearFieldTracking!;
            Assert.True(near.GroundTruthTracks > 0 && near.GroundTruthTracks <= result.Tracking.GroundTruthTracks, $"near field {near.GroundTruthTracks} of {result.Tracking.GroundTruthTracks} tracks");
            Assert.True(near.IdSwitches <= result.Tracking.IdSwitches);
            Assert.EndsWith(string.Create(CultureInfo.InvariantCulture, $",{near.GroundTruthTracks},{near.IdSwitches},{near.IdSwitchesPer100Tracks:F3},{near.Fragmentations},{near.Mota:F4},{near.Idf1:F4}"), tracking[1], StringComparison.Ordinal);
            Assert.Contains("## Tracking where the lines and zones are (ground truth ≥ 16 px tall)", File.ReadAllText(Path.Combine(folder, "report.md")), StringComparison.Ordinal);
            string[] journeyLines = File.ReadAllLines(Path.Combine(folder, "journeys.csv"));
            Assert.Equal(journeys.Rows.Count + 1, journeyLines.Length);
            Assert.EndsWith(",tracks,max_visibility", journeyLines[0], StringComparison.Ordinal);

            // Every reference journey knows how much of its road user ever showed (the renderer's visibility, 0–1).
            Assert.All(journeys.Rows.Where(j => j.TrueClass is not null), j => Assert.True(j.MaxVisibility is >= 0 and <= 1, $"journey {j.TruthId}: {j.MaxVisibility}"));
            Assert.Contains("## Where movement counts are lost", File.ReadAllText(Path.Combine(folder, "report.md")), StringComparison.Ordinal);

            // Queues: one row per analytics interval and approach with a stop line, the same ones the report's table sums up.
            string[] queueLines = File.ReadAllLines(Path.Combine(folder, "queues.csv"));
            Assert.Equal("scenario,approach,interval_start,true_max_vehicles,counted_max_vehicles,true_max_m,counted_max_m,true_mean_m,counted_mean_m", queueLines[0]);
            var queueRows = result.Queues!.Summarise();
            Assert.NotEmpty(queueRows);
            Assert.Equal(queueRows.Sum(q => q.Intervals) + 1, queueLines.Length);
            Assert.All(queueRows, q => Assert.Equal(2, q.Intervals)); // two simulated minutes, 60 s intervals
            Assert.Contains("## Queues behind the stop lines", File.ReadAllText(Path.Combine(folder, "report.md")), StringComparison.Ordinal);
            Assert.True(new FileInfo(Path.Combine(folder, "counts.png")).Length > 10_000);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// Floors for the full pipeline (demo detector → tracker → analytics) on the two-minute light run. They sit
    /// below what the pipeline reaches today so that a regression fails CI; the targets (≥ 99 % per
    /// movement and class on light) are not met yet by the demo detector — see the Part 2 note. On this run demo
    /// model 1.3.0 counts all 30 journeys right plus one extra count (30 true, 31 counted movements: 96.7 %), 29 of
    /// 30 line crossings and 6.5 ID switches per 100 tracks; 1.2.0 with the same code 29 of 30 journeys (a bicycle
    /// counted as a motorcycle), 30 of 30 movements, 29 of 30 line crossings and 2.2 switches per 100
    /// (1.1.0: floors 0.85 / 0.75 / 150).
    /// </summary>
    private const double DetectorMovementFloor = 0.93;

    private const double DetectorJourneyFloor = 0.93;

    private const double DetectorLineFloor = 0.9;

    private const double DetectorIdSwitchesPer100 = 30;

    [EvalModelFact]
    public void Full_pipeline_with_the_detector_counts_light_traffic_above_the_regression_floor()
    {
        string model = EvalTestPaths.Model ?? throw new InvalidOperationException(
            $"No model for the accuracy harness: neither {EvalTestPaths.DemoModel} nor {EvalTestPaths.YoloxOnnx} exists.");
        var tracker = Pipeline.TrackerProfile.For(ModelManifest.Load(model));
        using var detector = ObjectDetector.Load(model, Pipeline.TrackerProfile.DetectorOptions(1, tracker));
        var settings = ShortLightRun(oracle: false) with { Tracker = tracker };
        var result = Assert.Single(TrafficEvaluation.Run(settings, detector, progress: null));

        var movements = result.Counts.Sum(k => k.Kind == CountKind.Movement);
        var lines = result.Counts.Sum(k => k.Kind == CountKind.Line);
        output.WriteLine($"{detector.Manifest.Name}: movements {movements}, lines {lines}, MOTA {result.Tracking.Mota:F3}, IDF1 {result.Tracking.Idf1:F3}, IDSW/100 {result.Tracking.IdSwitchesPer100Tracks:F2}");
        Assert.True(result.RouteCheckAgrees, "The reference analytics disagree with the simulator's routes.");
        Assert.True(movements.Accuracy >= DetectorMovementFloor, $"{detector.Manifest.Name}: movement count accuracy {movements.Accuracy:P1} ({movements.Counted} counted of {movements.True}).");
        Assert.True(lines.Accuracy >= DetectorLineFloor, $"{detector.Manifest.Name}: line count accuracy {lines.Accuracy:P1} ({lines.Counted} counted of {lines.True}).");
        Assert.True(result.Tracking.IdSwitchesPer100Tracks <= DetectorIdSwitchesPer100, $"{detector.Manifest.Name}: {result.Tracking.IdSwitchesPer100Tracks:F1} ID switches per 100 GT tracks.");
        var journeys = result.Journeys!;
        Assert.True(
            journeys.Count(JourneyOutcome.Counted) >= DetectorJourneyFloor * journeys.Journeys,
            $"{detector.Manifest.Name}: {journeys.Count(JourneyOutcome.Counted)} of {journeys.Journeys} journeys counted with the right movement and class.");
    }
}
