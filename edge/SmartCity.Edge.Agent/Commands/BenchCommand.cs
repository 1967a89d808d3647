using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using SmartCity.Edge.Agent.Bench;
using SmartCity.Edge.Agent.Pipeline;
using SmartCity.Edge.Detection;
using SmartCity.Edge.Simulation.Scenarios;

namespace SmartCity.Edge.Agent.Commands;

/// <summary>
/// <c>bench</c>: pipeline frames/s against raw <c>InferenceSession.Run</c> on the same model and input,
/// measured side by side in interleaved rounds so machine noise hits both alike; per-stage milliseconds;
/// bytes allocated per frame; peak memory; and the motion gate on a static scene.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model", "-m") { Description = "Model folder.", DefaultValueFactory = _ => ModelLocator.DefaultModel };
        var threads = new Option<string>("--threads") { Description = "Comma-separated intra-op thread counts to measure.", DefaultValueFactory = _ => "1,2" };
        var frames = new Option<int>("--frames") { Description = "Frames per measurement (split over the rounds).", DefaultValueFactory = _ => 300 };
        var rounds = new Option<int>("--rounds") { Description = "Interleaved raw/pipeline rounds.", DefaultValueFactory = _ => 6 };
        var scenario = new Option<string>("--scenario") { Description = "Scenario whose frames feed the pipeline.", DefaultValueFactory = _ => "dense-queue" };
        var gateFrames = new Option<int>("--gate-frames") { Description = "Frames of the static scene for the motion-gate measurement.", DefaultValueFactory = _ => 600 };
        var compare = new Option<string?>("--compare") { Description = "A second model folder (e.g. the fp32 model) measured raw in the same run, for a speed ratio." };
        var overlap = new Option<string>("--overlap")
        {
            Description = "Pre-process frame n+1 on a helper thread while frame n is inferred: auto (on below as many intra-op threads as cores), on or off.",
            DefaultValueFactory = _ => "auto",
        };
        overlap.AcceptOnlyFromAmong("auto", "on", "off");
        var output = new Option<FileInfo?>("--out") { Description = "Also write the report (Markdown) to this file." };

        var command = new Command("bench", "Measure pipeline frames/s against raw InferenceSession.Run, per-stage ms, allocations, memory and the motion gate.")
        {
            model, threads, frames, rounds, scenario, gateFrames, compare, overlap, output,
        };
        command.SetAction(parse =>
        {
            var threadCounts = new List<int>();
            foreach (var part in parse.GetRequiredValue(threads).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int t) || t < 1 || t > 64)
                {
                    return CliErrors.Report($"--threads: '{part}' is not a thread count between 1 and 64.");
                }

                threadCounts.Add(t);
            }

            if (!ScenarioCatalog.TryGet(parse.GetRequiredValue(scenario), out var preset))
            {
                return CliErrors.Report($"--scenario: unknown scenario. Known: {string.Join(", ", ScenarioCatalog.Names)}.");
            }

            int frameCount = parse.GetValue(frames), roundCount = parse.GetValue(rounds), gateCount = parse.GetValue(gateFrames);
            if (frameCount < 10 || roundCount < 1 || gateCount < 10)
            {
                return CliErrors.Report("--frames and --gate-frames must be at least 10 and --rounds at least 1.");
            }

            var settings = new BenchSettings(
                ModelLocator.Resolve(parse.GetRequiredValue(model)),
                parse.GetValue(compare) is { } c ? ModelLocator.Resolve(c) : null,
                threadCounts,
                frameCount,
                roundCount,
                preset,
                gateCount,
                parse.GetRequiredValue(overlap) switch { "on" => true, "off" => false, _ => null });
            var clock = Stopwatch.StartNew();
            string report;
            try
            {
                report = new PipelineBenchmark(settings, Console.Error).Run();
            }
            catch (Exception ex) when (ex is ModelLoadException or ArgumentException)
            {
                return CliErrors.Report(ex.Message);
            }

            Console.WriteLine(report);
            if (parse.GetValue(output) is { } file)
            {
                File.WriteAllText(file.FullName, report);
                Console.Error.WriteLine($"report written to {file.FullName}");
            }

            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bench took {clock.Elapsed.TotalSeconds:F0} s"));
            return CliErrors.Ok;
        });
        return command;
    }
}
