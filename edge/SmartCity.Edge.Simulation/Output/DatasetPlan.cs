using SmartCity.Edge.Simulation.Scenarios;

namespace SmartCity.Edge.Simulation.Output;

/// <summary>
/// Turns a dataset request (scenario names, first seed, frames, stride) into the scenarios to write, refusing
/// unknown names and the seeds reserved for held-out evaluation. Shared by <c>smartcity-edge dataset</c> and the
/// stand-alone <c>render-dataset</c>, so both write the same frames for the same request.
/// </summary>
public static class DatasetPlan
{
    /// <summary>First seed reserved for held-out evaluation (model-eval, eval); never used for training data.</summary>
    public const int HeldOutSeedBase = 900_000;

    /// <summary>Number of reserved held-out seeds.</summary>
    public const int HeldOutSeedCount = 1000;

    /// <summary>The scenarios a dataset covers by default.</summary>
    public const string DefaultScenarios = "light,dense-queue,occlusion,pedestrians,night,road";

    /// <summary>True for seeds reserved for held-out evaluation.</summary>
    public static bool IsHeldOutSeed(int seed) => seed is >= HeldOutSeedBase and < HeldOutSeedBase + HeldOutSeedCount;

    /// <summary>
    /// Scenario <c>i</c> of the comma-separated <paramref name="names"/> plays with seed <paramref name="seed"/> + i.
    /// Returns false with <paramref name="error"/> set for an unknown scenario or a reserved seed.
    /// </summary>
    public static bool TryCreate(string names, int seed, int frames, int stride, out List<DatasetScenario> scenarios, out DatasetPlanError? error)
    {
        ArgumentNullException.ThrowIfNull(names);
        scenarios = [];
        foreach (var name in names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!ScenarioCatalog.TryGet(name, out var preset))
            {
                error = new("scenarios", $"unknown scenario '{name}'. Known: {string.Join(", ", ScenarioCatalog.Names)}.");
                return false;
            }

            int scenarioSeed = seed + scenarios.Count;
            if (IsHeldOutSeed(scenarioSeed))
            {
                error = new("seed", $"{scenarioSeed} is reserved for held-out evaluation ({HeldOutSeedBase}–{HeldOutSeedBase + HeldOutSeedCount - 1}); training on it would leak the test set.");
                return false;
            }

            scenarios.Add(new DatasetScenario(preset with { Duration = null }, scenarioSeed, frames, stride));
        }

        error = null;
        return true;
    }
}

/// <summary>Why a dataset request was refused: the input at fault (<c>scenarios</c> or <c>seed</c>) and what is wrong.</summary>
public sealed record DatasetPlanError(string Field, string Message);
