using System.Globalization;
using SmartCity.Edge.Simulation.Output;

// The same frames as `smartcity-edge dataset --out DIR --frames N --seed S [--stride K] [--scenarios LIST]`
// (byte-identical files), without the agent's dependencies, so it publishes small and self-contained.
string Usage = $"usage: render-dataset OUT FRAMES_PER_SCENARIO SEED [STRIDE (5)] [SCENARIOS ({DatasetPlan.DefaultScenarios})]\n" +
    $"Writes frames.u8, labels.csv and meta.json; scenario i uses SEED + i. Seeds {DatasetPlan.HeldOutSeedBase}-" +
    $"{DatasetPlan.HeldOutSeedBase + DatasetPlan.HeldOutSeedCount - 1} are reserved for held-out evaluation.";
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

if (!DatasetPlan.TryCreate(args.Length > 4 ? args[4] : DatasetPlan.DefaultScenarios, seed, frames, stride, out var list, out var error))
{
    Console.Error.WriteLine($"render-dataset: {error!.Field}: {error.Message}");
    return 2;
}

int written = await SyntheticDatasetWriter.WriteAsync(args[0], list, null, CancellationToken.None).ConfigureAwait(false);
Console.WriteLine($"wrote {written} frames of {list.Count} scenario(s) to {Path.GetFullPath(args[0])}");
return 0;
