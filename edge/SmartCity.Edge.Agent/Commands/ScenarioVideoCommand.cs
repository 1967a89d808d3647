using System.CommandLine;
using SmartCity.Edge.Simulation;
using SmartCity.Edge.Simulation.Output;
using SmartCity.Edge.Simulation.Scenarios;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Agent.Commands;

/// <summary><c>scenario-video</c>: renders a synthetic scenario to a video file (through ffmpeg) with its ground truth as CSV.</summary>
internal static class ScenarioVideoCommand
{
    public static Command Create()
    {
        var scenario = new Option<string>("--scenario", "-s") { Description = $"Scenario: {string.Join(", ", ScenarioCatalog.Names)}.", DefaultValueFactory = _ => "light" };
        var output = new Option<FileInfo>("--out", "-o") { Description = "Video file to write (.mp4, .mkv, .avi); the ground truth goes beside it as .csv.", Required = true };
        var seconds = new Option<double>("--seconds") { Description = "Length of the video.", DefaultValueFactory = _ => 30 };
        var seed = new Option<int?>("--seed") { Description = "Seed (default: the scenario's)." };

        var command = new Command("scenario-video", "Write a synthetic scenario to a video file with its ground truth, for replaying through the ffmpeg source.")
        {
            scenario, output, seconds, seed,
        };
        command.SetAction(async (parse, ct) =>
        {
            if (!ScenarioCatalog.TryGet(parse.GetRequiredValue(scenario), out var preset))
            {
                return CliErrors.Report($"--scenario: unknown scenario. Known: {string.Join(", ", ScenarioCatalog.Names)}.");
            }

            double length = parse.GetValue(seconds);
            if (length <= 0)
            {
                return CliErrors.Report("--seconds must be positive.");
            }

            var options = preset with { Duration = TimeSpan.FromSeconds(length), Seed = parse.GetValue(seed) ?? preset.Seed };
            var file = parse.GetRequiredValue(output);
            var scene = new SyntheticTrafficScene(options, new FramePool(options.Width, options.Height, maxRetained: 4));
            try
            {
                long frames = await new ScenarioVideoWriter().WriteAsync(scene, file.FullName, cancellationToken: ct).ConfigureAwait(false);
                Console.WriteLine($"wrote {frames} frames ({options.Width}x{options.Height} at {options.Fps} frames/s) to {file.FullName}");
                return CliErrors.Ok;
            }
            catch (VideoEncodingException ex)
            {
                return CliErrors.Report(ex.Message);
            }
        });
        return command;
    }
}
