using System.Diagnostics.CodeAnalysis;

namespace SmartCity.Edge.Simulation.Scenarios;

/// <summary>The named scenario presets used by the demo, the accuracy harness, benchmarks and dataset export.</summary>
public static class ScenarioCatalog
{
    /// <summary>Light traffic at the intersection, daylight.</summary>
    public static ScenarioOptions Light { get; } = new()
    {
        Name = "light", Seed = 101, VehiclesPerHourPerApproach = 240, PedestriansPerHourPerApproach = 40,
    };

    /// <summary>Heavy traffic that queues on red at every approach.</summary>
    public static ScenarioOptions DenseQueue { get; } = new()
    {
        Name = "dense-queue", Seed = 202, VehiclesPerHourPerApproach = 900, PedestriansPerHourPerApproach = 40,
        GreenTime = TimeSpan.FromSeconds(10), WarmUp = TimeSpan.FromSeconds(90),
    };

    /// <summary>Many buses and trucks hiding cars behind them.</summary>
    public static ScenarioOptions Occlusion { get; } = new()
    {
        Name = "occlusion", Seed = 303, VehiclesPerHourPerApproach = 700, PedestriansPerHourPerApproach = 30,
        ClassMix = new ClassMix(0.5, 0.22, 0.22, 0.04, 0.02),
    };

    /// <summary>Crowds of pedestrians crossing during the walk phase.</summary>
    public static ScenarioOptions Pedestrians { get; } = new()
    {
        Name = "pedestrians", Seed = 404, VehiclesPerHourPerApproach = 200, PedestriansPerHourPerApproach = 700,
    };

    /// <summary>Night with head lights and strong sensor noise.</summary>
    public static ScenarioOptions Night { get; } = new()
    {
        Name = "night", Seed = 505, VehiclesPerHourPerApproach = 300, PedestriansPerHourPerApproach = 30,
        Lighting = LightingCondition.Night, NoiseSigma = 9,
    };

    /// <summary>A straight multi-lane road without signals.</summary>
    public static ScenarioOptions Road { get; } = new()
    {
        Name = "road", Seed = 606, Scene = SceneKind.Road, VehiclesPerHourPerApproach = 1500,
        PedestriansPerHourPerApproach = 80, WarmUp = TimeSpan.FromSeconds(25),
    };

    /// <summary>The intersection background with no moving objects and no signal heads (motion-gate proof).</summary>
    public static ScenarioOptions Static { get; } = new()
    {
        Name = "static", Seed = 707, VehiclesPerHourPerApproach = 0, PedestriansPerHourPerApproach = 0,
        ShowSignalHeads = false, WarmUp = TimeSpan.Zero, NoiseSigma = 2,
    };

    /// <summary>All presets in a stable order.</summary>
    public static IReadOnlyList<ScenarioOptions> All { get; } = [Light, DenseQueue, Occlusion, Pedestrians, Night, Road, Static];

    /// <summary>The preset names, for help texts.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(o => o.Name)];

    /// <summary>Finds a preset by name (case-insensitive).</summary>
    public static bool TryGet(string? name, [NotNullWhen(true)] out ScenarioOptions? options)
    {
        foreach (ScenarioOptions o in All)
        {
            if (string.Equals(o.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                options = o;
                return true;
            }
        }

        options = null;
        return false;
    }

    /// <summary>Finds a preset by name or throws an exception listing the known names.</summary>
    public static ScenarioOptions Get(string name) => TryGet(name, out ScenarioOptions? o)
        ? o
        : throw new ArgumentException($"Unknown scenario '{name}'. Known scenarios: {string.Join(", ", Names)}.", nameof(name));
}
