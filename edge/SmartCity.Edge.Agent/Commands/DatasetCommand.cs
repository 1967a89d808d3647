using System.CommandLine;
using SmartCity.Edge.Simulation.Output;

namespace SmartCity.Edge.Agent.Commands;

/// <summary><c>dataset</c>: synthetic frames with labels for training a detector (the demo model's recipe uses it).</summary>
internal static class DatasetCommand
{
    public static Command Create()
    {
        var output = new Option<DirectoryInfo>("--out", "-o") { Description = "Folder to write frames.u8, labels.csv and meta.json into.", Required = true };
        var scenarios = new Option<string>("--scenarios")
        {
            Description = "Comma-separated scenarios.",
            DefaultValueFactory = _ => DatasetPlan.DefaultScenarios,
        };
        var frames = new Option<int>("--frames", "-n") { Description = "Frames written per scenario.", DefaultValueFactory = _ => 300 };
        var stride = new Option<int>("--stride") { Description = "Keep every n-th rendered frame (neighbouring frames are near duplicates).", DefaultValueFactory = _ => 5 };
        var seed = new Option<int>("--seed") { Description = $"Seed of the first scenario; the others follow. Seeds {DatasetPlan.HeldOutSeedBase}–{DatasetPlan.HeldOutSeedBase + DatasetPlan.HeldOutSeedCount - 1} are reserved for held-out evaluation.", DefaultValueFactory = _ => 1000 };

        var command = new Command("dataset", "Write synthetic traffic frames with ground-truth boxes for detector training.")
        {
            output, scenarios, frames, stride, seed,
        };
        command.SetAction(async (parse, ct) =>
        {
            int n = parse.GetValue(frames), k = parse.GetValue(stride), s = parse.GetValue(seed);
            if (n < 1 || k < 1)
            {
                return CliErrors.Report("--frames and --stride must be positive.");
            }

            if (!DatasetPlan.TryCreate(parse.GetRequiredValue(scenarios), s, n, k, out var list, out var error))
            {
                return CliErrors.Report($"--{error!.Field}: {error.Message}");
            }

            var dir = parse.GetRequiredValue(output);
            int total = n * list.Count;
            var progress = new Progress<int>(done =>
            {
                if (done % 50 == 0 || done == total)
                {
                    Console.Error.Write($"\rdataset: {done}/{total} frames");
                }
            });
            int written = await SyntheticDatasetWriter.WriteAsync(dir.FullName, list, progress, ct).ConfigureAwait(false);
            Console.Error.WriteLine();
            Console.WriteLine($"wrote {written} frames of {list.Count} scenario(s) to {dir.FullName}");
            return CliErrors.Ok;
        });
        return command;
    }
}
