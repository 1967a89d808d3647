using SmartCity.Edge.Detection;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Agent.Evaluation;

/// <summary>The accuracy harness end to end: every scenario through <see cref="TrafficScenarioRun"/>, then the report files.</summary>
internal static class TrafficEvaluation
{
    /// <summary>Runs every scenario of <paramref name="settings"/>, scenario i with seed <c>Seed + i</c>.</summary>
    public static IReadOnlyList<ScenarioEvalResult> Run(TrafficEvalSettings settings, ObjectDetector? detector, TextWriter? progress)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        var runner = new TrafficScenarioRun(settings, detector, progress);
        var results = new List<ScenarioEvalResult>(settings.Scenarios.Count);
        for (int i = 0; i < settings.Scenarios.Count; i++)
        {
            results.Add(runner.Run(settings.Scenarios[i], settings.Seed + i));
        }

        return results;
    }

    /// <summary>Writes report.md, counts.csv, tracking.csv, journeys.csv, crossings.csv, id-switches.csv, queues.csv and counts.png into <paramref name="folder"/> (created when missing).</summary>
    public static void WriteOutputs(
        string folder, IReadOnlyList<ScenarioEvalResult> results, TrafficEvalSettings settings, string detectorName, IReadOnlyList<string> misses, int threads)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(settings);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "report.md"), EvalReportWriter.Render(results, settings, detectorName, misses, threads));
        EvalCsvWriter.WriteCounts(Path.Combine(folder, "counts.csv"), results);
        EvalCsvWriter.WriteTracking(Path.Combine(folder, "tracking.csv"), results);
        EvalCsvWriter.WriteJourneys(Path.Combine(folder, "journeys.csv"), results);
        EvalCsvWriter.WriteCrossings(Path.Combine(folder, "crossings.csv"), results);
        EvalCsvWriter.WriteIdSwitches(Path.Combine(folder, "id-switches.csv"), results);
        EvalCsvWriter.WriteQueues(Path.Combine(folder, "queues.csv"), results);

        var series = new List<BinCountSeries>(results.Count);
        foreach (var r in results)
        {
            var bins = new List<BinCount>();
            DateTimeOffset windowStart = r.Scenario.StartTime;
            DateTimeOffset windowEnd = windowStart + settings.Duration;
            foreach (var bin in r.Counts.Bins)
            {
                var v = r.Counts.Sum(bin, k => k.Kind == CountKind.Movement && k.Class.IsVehicle());
                bool partial = bin < windowStart || bin + settings.Bin > windowEnd;
                bins.Add(new BinCount(bin, v.True, v.Counted, partial));
            }

            series.Add(new BinCountSeries(r.Scenario.Name, bins));
        }

        CountsChart.Write(
            series,
            $"Motor vehicles counted vs true per {settings.Bin.TotalMinutes:0}-minute bin ({detectorName})",
            settings.Bin,
            settings.AccuracyTarget,
            Path.Combine(folder, "counts.png"));
    }
}
