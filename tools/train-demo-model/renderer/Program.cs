using System.Globalization;
using SmartCity.Edge.Simulation.Output;
using SmartCity.Edge.Simulation.Scenarios;

// The same frames as `smartcity-edge dataset --out DIR --frames N --seed S [--stride K] [--scenarios LIST]`
// (byte-identical files), without the agent's dependencies, so it publishes small and self-contained.
const string Usage = "usage: render-dataset OUT FRAMES_PER_SCENARIO SEED [STRIDE (5)] [SCENARIOS (light,dense-queue,occlusion,pedestrians,night,road)]\n" +
    "Writes frames.u8, labels.csv and meta.json; scenario i uses SEED + i. Seeds 900000-900999 are reserved for held-out evaluation.";
if (args.Length is < 3 or > 5 || args[0] is "-h" or "--help")
{
    Console.Error.WriteLine(Usage);
    return args.Length > 0 && args[0] is "-h" or "--help" ? 0 : 2;
}

if (!int.TryParse(args[1], CultureInfo.InvariantCulture, out int frames) || frames < 1 ||
    !int.TryParse(args[2], CultureInfo.InvariantCulture, out int seed) ||
    !int.TryParse(args.Length > 3 ? args[3] : "5", CultureInfo.InvariantCulture, out int stride) || stride < 1)
{
    Console.Error.WriteLine($"render-dataset: FRAMES_PER_SCENARIO and STRIDE must be positive integers, SEED an integer.\n{Usage}");
    return 2;
}

var list = new List<DatasetScenario>();
foreach (var name in (args.Length > 4 ? args[4] : "light,dense-queue,occlusion,pedestrians,night,road")
             .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
{
    if (!ScenarioCatalog.TryGet(name, out var preset))
    {
        Console.Error.WriteLine($"render-dataset: unknown scenario '{name}'. Known: {string.Join(", ", ScenarioCatalog.Names)}.");
        return 2;
    }

    int scenarioSeed = seed + list.Count;
    if (scenarioSeed is >= 900000 and <= 900999)
    {
        Console.Error.WriteLine($"render-dataset: seed {scenarioSeed} is reserved for held-out evaluation (900000-900999).");
        return 2;
    }

    list.Add(new DatasetScenario(preset with { Duration = null }, scenarioSeed, frames, stride));
}

int written = await SyntheticDatasetWriter.WriteAsync(args[0], list, null, CancellationToken.None).ConfigureAwait(false);
Console.WriteLine($"wrote {written} frames of {list.Count} scenario(s) to {Path.GetFullPath(args[0])}");
return 0;
